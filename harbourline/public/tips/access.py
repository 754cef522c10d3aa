# The tip line is for the public: no account, by design (Counter-Trafficking Act s.33; issue 4).
PUBLIC_URL_NAMES = {
    "tips:report",  # redirects to the form in the visitor's language
    "tips:status_root",  # redirects to the status page in the visitor's language
    "tips:form",  # the anonymous tip form
    "tips:status",  # status lookup: reveals nothing without both receipt code and passphrase
    "tips:reply",  # the reporter adds information: needs both receipt code and passphrase
}
