"""The ways in: the HTTP service (FastAPI) and the command line."""
