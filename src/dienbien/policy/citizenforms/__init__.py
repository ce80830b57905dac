"""Citizens' forms: questions and suggestions, contact, comments on drafts."""
