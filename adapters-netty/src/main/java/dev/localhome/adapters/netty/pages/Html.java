package dev.localhome.adapters.netty.pages;

/** Escaping for everything that comes from processes or requests before it goes into a page. */
final class Html {
    private Html() {}

    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /** A complete, self-contained page: no external fonts, scripts or styles; light and dark. */
    static String page(String title, String body) {
        return """
                <!doctype html>
                <html lang="en"><head><meta charset="utf-8">
                <meta name="viewport" content="width=device-width, initial-scale=1">
                <meta name="color-scheme" content="light dark">
                <title>%s</title>
                <style>
                body{font:15px/1.5 system-ui,-apple-system,Segoe UI,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem}
                h1{font-size:1.4rem}code,pre{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:.92em}
                table{border-collapse:collapse;width:100%%}th,td{text-align:left;padding:.35rem .6rem;border-bottom:1px solid #8884}
                .muted{opacity:.7}a{color:#2563eb}@media(prefers-color-scheme:dark){a{color:#7aa2ff}}
                </style></head><body>
                %s
                </body></html>
                """.formatted(escape(title), body);
    }

    /**
     * A page with its own style and script, both carrying {@code nonce}: the only inline code a
     * {@code Content-Security-Policy} with that nonce lets run. Still self-contained: nothing is fetched from
     * anywhere else.
     */
    static String page(String title, String nonce, String style, String body, String script) {
        return """
                <!doctype html>
                <html lang="en"><head><meta charset="utf-8">
                <meta name="viewport" content="width=device-width, initial-scale=1">
                <meta name="color-scheme" content="light dark">
                <meta name="referrer" content="no-referrer">
                <title>%s</title>
                <style nonce="%s">%s</style></head><body>
                %s
                <script nonce="%s">%s</script>
                </body></html>
                """.formatted(escape(title), nonce, style, body, nonce, script);
    }
}
