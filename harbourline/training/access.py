"""URL names of the training app that anyone may open without logging in, and why."""

PUBLIC_URL_NAMES = {
    # Anyone (an employer, a border post, a donor) checks a certificate by its code or QR code; the page shows
    # only what is printed on the certificate, and whether it was revoked or replaced.
    "training:verify",
    # Participants have no account: they open the workshop's test link on their phones, type the short code
    # shown in the room, then their sign-in-sheet number and personal PIN. It works only while the trainer
    # has the form open, and five wrong PINs lock that participant's number.
    "training:take_start",
    "training:take",
    # The end-of-workshop evaluation, on the same code, and anonymous by default.
    "training:evaluate",
    # The follow-up survey months later, reached through a long random link sent to one participant.
    "training:follow_up",
}
