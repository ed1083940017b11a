"""Typed claims: what each sentence states (names, figures and their scopes), and how claims compare.

``CLAIMS_VERSION`` names the extraction: stores keep each sentence's claims with the version that computed
them, and a reader recomputes the claims of rows of another version (their vectors stay valid). Bump it
whenever ``rag.claims.extract`` (or the parser under it) would type a sentence differently.
"""

# 55: a whole number's written fraction is its own ("2\u00bd hours", "3 1/2 miles"), and "-plus" makes a figure a lower
#     bound ("a 710,000-plus square kilometre area"); a frequency in hertz is a quantity; a number glued after a
#     letter is a name's, no figure ("the K220 to 100 feet" is 100 feet, not 220 to 100; "RX370" counts nothing)
# 54: numbers joined by a slash ("the 4/16 disaster", "9/11", "24/7") count nothing
# 53: one of a noun after a word that describes it ("One rescue diver was hurt": a diver); a count whose noun
#     the count before it gives ("Two divers drowned and five were hurt": divers); initials in capitals
#     alone the tagger calls a person are a body's ("NORLCO"); "the No. 3 reactor" counts no reactors;
#     a name written onto a site ("the Lunde power plant", "Holm's nuclear plant") is a place; a distance from a
#     place has that place, and the place set off before it, as its scope ("Rask, 140 km southwest of Holm");
#     "11 kmph" is a speed, "20 millisieverts" and "15,000 terabecquerels" quantities of radiation, "65 degrees" a
#     quantity (an angle or a temperature); a moved amount's scope keeps what its measuring noun measures ("expand
#     the maximum amount of the credit line": "maximum amount of credit line")
# 52: a reporter, a pollster, a driver, a neighbour, a manager are people ("Eva Dahl, a local reporter,")
# 51: "30 seconds later", "two years earlier": a time counted from an event too (unit "interval"); a number word of
#     tens and units is one number ("sixty-six days" is 66 days, "Twenty-one miners" 21 miners, "forty-five percent"
#     45%), no range nor a count of "ones"; a word between a span's number and its unit ("66 agonizing days")
# 50: a time counted from an event has that event as its scope ("20 hours after it started": "after it started")
# 49: a by-the-numbers line's figure counts the noun after its colon ("4,120: Passengers on board"); a time counted
#     from an event is a duration of unit "interval" ("four days after leaving"), no count of days; a one-word name
#     after a place and its comma is the place's region ("in Holmstad, Norlant,"); a name off a coast or shore is a
#     place ("the shore off Norlant")
# 48: a count after "other" or "more" is of the plural after it ("three other workers", "two more divers")
# 47: a name ending in a trade's word is a business ("Holm Knitwear", "Rask Shipping")
# 46: seconds are a duration ("sounded for 25 seconds"); a count's plural noun is read past an acronym between
#     ("78 distinct DNA profiles" counts profiles)
# 45: a sentence's opening plural noun before "of" is no part of the name after it ("Parts of Vardex's message" names
#     Vardex), nor is an opening word's "of" ("Most of Holm's staff")
# 44: four digits with a leading zero are a time of day, the 24-hour way ("buoyant at around 0640")
# 43: an apposition read up to a citation marker after it ("Karl Holm, the ship's pilot [1].")
# 42: a name followed by an age in apposition ("Tor Lunde, a 23-year-old who ...") is a person
# 41: millions said with no currency or noun as what is paid or pledged ("gave 3 million on a pledge of 20
#     million") are sums of money
# 40: a church's titles ("Rask Archbishop Karl Holm"); a name called a person in the apposition after it ("Eva
#     Dahl, a local presenter"); a word the tagger calls a nationality that is written like none ("the Vardexpart
#     website") is a name
# 38: a share in words of a whole the text names ("half the flats", "a third of the homes"); 39: that whole is its scope
# 37: "12.54am" is a time of day; "17 amid", "30 despite" count no preposition; a stop a scraped page lost the
#     space after ("600 people.Flames") ends a sentence
# 36: a number joined to its modifier ("the 12-story tower") counts storeys, not the people asked about
# 35: and a number called ("people called 911")
# 34: an emergency number dialled ("911 calls", "a 999 operator") is no count of calls
# 33: a time of day's "a.m." or "p.m." before its day, its zone or a bracket ends no sentence ("at 3 a.m. (0700
#     GMT), as")
# 32: a name's age ending a list's item or its sentence ("Lena Brandt, 54; and Tor Lunde, 26.") is an age
# 31: one word the tagger calls a person is a business after its class noun without an article ("motorway group
#     Norlant") or after its owner ("state-controlled Vardex"), or when the parser gives it a body's class noun as its
#     role ("the Norwegian club Vardal")
# 30: "as much as" / "as many as" a figure is at most it, "as few as" / "as little as" at least it
# 29: a number that is part of a name is no figure ("Aurora 2 has ...", the "2" of "Aurora 1 and 2");
#     "between 20,000 and 45,000 tonnes" is one range of the unit; "30m (98ft)" is metres; "about 1/4 of" is a
#     share; "several hundred"/"a few thousand" are vague amounts; "500 pounds of fertiliser" weighs them;
#     "magnitude 4.1" is a strength; nautical miles, "mcm" and "bcm" are units; "three near Fairhaven" counts the noun
#     of the count before it; "0415 GMT" and "at 1730." are times of day; "1730 metres" is a length, not a year;
#     "12 pumps may be" is no 2nd of May (a month written in lower case that is also a verb is the verb)
# 28: a company's class noun right before a name makes it one ("the state-owned mining company Codelco"); a count's
#     noun two words after its number ("six free credit reports"); a number joined to its noun counts it ("a
#     nine-count indictment"); a capitalized word joined to a number is a model's name ("the T-130"); an amount a move
#     goes from or to is of what moved, both ends sharing the scope; a number before "of" and an owner's plural counts
#     a part of it ("All three of its older wells")
# 27: a volume or area written with its power ("780,000 m3", "1,000 km²") or a gallon written short ("210 million US
#     gal") is a quantity; "between 130,000 barrels and 270,000 barrels" is one range; a name runs on to its class
#     word where the source wrote that in lower case ("the Great bitter lake", "U.S. Geological survey"); an era opens
#     no name ("the 2nd century BCE Greek writer"), and a name with a particle ends before the sentence's stop ("Philo
#     of Byzantium.")
# 26: figures said without a number are vague figures: how long ("decades of accumulated expertise", "for years",
#     "several months"; led by "over", time gone by), how many ("a handful of listed miners", "dozens of
#     protesters"), and when, counted from the writing ("earlier this year", "last month"; not "later that year");
#     the amounts in words of claims 10 ("several tons", "billions of dollars") are vague too
# 25: a list item's label is no name ("Technology Sector: Focus on companies ...", "Clean Energy: Evaluate wind and
#     solar companies ..."): a Title Case span opening the sentence before a colon names what the item is about,
#     unless the tagger finds a name in it, and no name the tagger finds runs across the colon; a year before 1500
#     after a word of time or with a month is a date ("disseminated in 1281", "from 1271 to 1368", "March 1349");
#     a count's noun is the plural past a name ("eight U.S. presidents") or one adjective ("62 living billionaires")
# 24: a half after a number ("three-and-a-half days", "two and a half years") is its; a half or quarter of a unit of
#     length written with it ("the quarter-mile-long Ever Given", "a half-mile stretch") is a quantity
# 23: a title and its holder are a person whatever else the tagger calls them ('..." Rear Adm. Apakorn Yukongkaew',
#     a work of art after a quotation); "Rear" and "Admiral" are words of a title
# 22: a person's key leaves out the whole office before the name ("Chief Executive Sam Chisholm" is "sam chisholm",
#    "Prime Minister Jens Stoltenberg" keeps "Prime" in its text)
# 21: a number word is no name where the sentence opens with it ("Thirteen of them were trapped", "Thousands
#     gathered"), and one of two or more counts a part of some, as digits do ("Two of the divers were British"); an
#     hour in words is a time ("just after 10 in the morning"); an office without its holder is no name ("a Chief
#     Financial Officer")
# 20: a duration followed by "before"/"after" is how long something lasted when a lasting word leads it ("lasted
#     about 30 minutes before Musk left", "for 87 days before it could be capped"); alone it stays a time counted
#     from an event ("two days after the explosion"), a count
# 19: a title written short joins the name after its stop ("Dr. Marcia McNutt", "Gen. Prayuth Chan-ocha"); a
#     nationality opens no headline person ("Thai Rescuer Dies ..."); other countries' company forms end an
#     organization's name ("Shoei Kisen Kaisha", "Siemens AG")
# 18: a wire story's dateline ("CHIANG RAI - A mini-submarine ...") names a place; a count's noun after names joined
#     by "and"/"or" ("fourteen Egyptian, Dutch, and Italian tugs") is what it counts
# 17: a body said by how many people it has ("a ten-person commission", "a 12-man crew") counts people
# 16: "one in four Norwegians", "2 out of 3 voters" is a share (25%, 66.7%), not two counts; a time zone after a
#     clock time ("13:05 UTC") is no name; initials written apart are one word of a name ("U. K. P&I Club" is the UK
#     P&I Club)
# 15: a pronoun joined to its verb ("I'm", "That's") is no name; a plural possessive inside a name is part of it
#     ("the Workers' Youth League"); "between $12 and $15 million" is one range of millions
# 14: a count ends at its number when a function word follows ("after 10 in the morning" is 10, not "10 in"), and
#     "90 divers, 50 of them" counts 50 divers; "from 11 to 16," is one count from 11 to 16; an age ("38-year-old",
#     "aged 11 to 16", "Saman Kunan, 38,") is a duration of unit "age", which answers how old someone is and nothing
#     else; a name the tagger calls a person that the text writes as a place ("the governor of Chiang Rai state") is
#     a place
# 12: digits with an ordinal's ending count nothing ("the 12th most populous"); a count counts the plural noun past
#     the names qualifying it ("two United States Navy bases" counts bases); a square or cubic unit is a unit of its
#     own, and a figure by the period is a rate ("barrels of oil per day"); a place the tagger names in apposition
#     to a business role ("the rig's operator, Transocean") is an organization
# 11: a title and its holder's name alone are a person ("Treasury Secretary Bessent"), whatever the tagger says
# 10: amounts said without a number ("several tons", "multi-billion dollar", "billions of dollars")
# 9: a figure's own "of" is no scope ("November 21 of 1998" is of nothing, not of "1998")
# 8: a number starts where its run of digits starts ("the next 50 years" is 50 years, not "0 years")
# 7: a title is not a name of its own ("Dr. Laura Chen" is Laura Chen, not "Dr" and Laura Chen); a possessive inside a
#    capitalized span joins two names ("Australia's Lynas" is Australia and Lynas); an untyped "U.S.-China" before a
#    noun is two parties, not a name
# 6: a year alone spans its months 1-12 (it held December out); a dateline alone ("Mar 3, 2014 ...") claims nothing
# 5: names with accented letters ("Chloé Zhao", not "Chlo"), initials and particles; a change is no range
# 4: a nationality and the word it qualifies ("American Western"), an event ("the World Cup") are no names;
# 3: names split at an inner title ("Tesla CEO Elon Musk"), only the people of a Title Case headline;
# 2: whole number words, no names from headlines, nationalities or words capitalized by position
CLAIMS_VERSION = "55"
