"""The one-stop slips (Mẫu 01–06): ``model`` (the plain data), ``words``
(dates, money, times in words), ``forms`` (each slip's content), ``word``
(the .docx) and ``views`` (the pages and downloads)."""
