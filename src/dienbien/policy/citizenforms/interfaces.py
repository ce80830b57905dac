from zope.interface import Interface


class ICitizenForm(Interface):
    """An EasyForm of the portal for citizens: honeypot, rate limit, mail."""


class IQuestionForm(ICitizenForm):
    """The "Hỏi đáp – Góp ý" form: a unit is chosen, answers become Q&A."""


class IQuestionSection(Interface):
    """The section holding the question form; its ``hoi-dap`` page lists
    the answered questions."""
