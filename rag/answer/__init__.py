"""Answer generators and the pieces they share (sentence scoring, citation formatting)."""
