"""The Slack bot: slack_bolt listeners shared by HTTP mode (POST /slack/events) and Socket Mode (rag slack --socket)."""
