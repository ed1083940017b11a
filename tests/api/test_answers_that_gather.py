"""Through the real service: role-holders that differ between articles, and list answers across articles."""

from __future__ import annotations

from tests.conftest import Server


def _ask(server: Server, question: str) -> dict:  # type: ignore[type-arg]
    with server.client() as client:
        response = client.post("/v1/ask", json={"question": question})
    assert response.status_code == 200
    return response.json()  # type: ignore[no-any-return]


def test_two_articles_naming_different_presidents_is_a_disagreement_with_both_sides_cited(server: Server) -> None:
    answer = _ask(server, "Who is the U.S. president according to the articles?")
    assert answer["grounded"] and "Trump" in answer["answer"] and "Biden" in answer["answer"]
    assert "Xi" not in answer["answer"]  # China's president, named in a sentence about China
    [conflict] = [c for c in answer["conflicts"] if c["kind"] in ("disagreement", "update", "scope")]
    sides = {c["value"]: c for c in conflict["claims"]}
    assert any("Trump" in v for v in sides) and any("Biden" in v for v in sides)
    assert len({c["doc_id"] for c in conflict["claims"]}) == 2
    cited = {c["id"]: c["doc_id"] for c in answer["citations"]}
    for claim in conflict["claims"]:
        assert cited[claim["citation"]] == claim["doc_id"] and f"[{claim['citation']}]" in answer["answer"]


def test_a_list_question_gathers_each_company_from_its_own_article(server: Server) -> None:
    answer = _ask(server, "Which companies outside China are named as rare earth processors?")
    assert answer["grounded"] and "Lynas" in answer["answer"] and "MP Materials" in answer["answer"]
    assert not [c for c in answer["conflicts"] if c["kind"] == "disagreement"]  # a list is not two sides
