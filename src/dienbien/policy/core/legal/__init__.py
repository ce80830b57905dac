"""Rules of normative legal documents (văn bản quy phạm pháp luật)."""
