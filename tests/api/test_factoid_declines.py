"""Through the running service: a factoid question about the shared articles with one name changed is declined,
though the passage it retrieves is on topic and holds a value of the kind asked (a year)."""

from tests.conftest import Server


def test_a_changed_name_is_declined_and_the_original_answered(server: Server) -> None:
    with server.client() as client:
        answered = client.post("/v1/ask", json={"question": "When did Beijing halt rare earth shipments to Japan?"})
        changed = client.post("/v1/ask", json={"question": "When did Beijing halt rare earth shipments to Germany?"})
    assert answered.status_code == changed.status_code == 200
    assert answered.json()["grounded"] and "2010" in answered.json()["answer"]
    assert changed.json()["grounded"] is False and changed.json()["citations"] == []
    assert "2010" not in changed.json()["answer"]
