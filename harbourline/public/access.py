"""URL names of the public site that anyone may open without logging in, and why."""

PUBLIC_URL_NAMES = {
    "public:root",  # /site/: sends a visitor to the public home in their language
    "public:in_my_language",  # /site/<page>: where the language switcher returns; redirects to the page
    "public:home",  # the public awareness site's home page, in each language
    "public:page",  # the awareness pages (what trafficking is, signs, rights, help, how to report, materials)
    "public:material_download",  # published campaign leaflets, posters and radio scripts
}
