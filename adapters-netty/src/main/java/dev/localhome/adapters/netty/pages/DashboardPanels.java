package dev.localhome.adapters.netty.pages;

import dev.localhome.adapters.netty.pages.ApiJson.CaView;
import java.util.Locale;
import java.util.stream.Collectors;

/** The dashboard's set-up panels: how to turn HTTPS on (or trust its CA), and how to reach bare names (the PAC). */
final class DashboardPanels {
    private DashboardPanels() {}

    static String https(Dashboard.Facts facts) {
        CaView ca = facts.ca();
        if (!ca.interception()) {
            return "<section class=\"panel\" id=\"https\"><h2>HTTPS <span class=\"badge off\">off</span></h2>"
                    + "<p>No CA was found, so <code>https://&lt;name&gt;/</code> is not intercepted; everything else works.</p>"
                    + "<p>To turn it on, use mkcert's CA (<code>mkcert -install</code>) or create localhome's own; the running daemon picks it up within a second or two:</p>"
                    + "<pre>localhome ca init</pre><p class=\"muted\"><code>localhome ca</code> then prints how to trust it.</p></section>";
        }
        String steps = facts.daemon().trustSteps().stream()
                .map(step -> "<div class=\"step\"><div class=\"muted\">%s</div><pre>%s</pre></div>"
                        .formatted(Html.escape(step.store()), Html.escape(step.command())))
                .collect(Collectors.joining());
        return "<section class=\"panel\" id=\"https\"><h2>HTTPS <span class=\"badge on\">on</span></h2>"
                + "<p><code>https://&lt;name&gt;/</code> is served with certificates signed by this CA:</p><dl>"
                + "<dt>CA</dt><dd>%s</dd><dt>file</dt><dd><code>%s</code></dd><dt>SHA-256</dt><dd><code id=\"fingerprint\">%s</code></dd></dl>"
                        .formatted("mkcert".equals(ca.origin()) ? "mkcert's" : "localhome's own", Html.escape(ca.path()),
                                Html.escape(ca.sha256()))
                + (steps.isEmpty() ? "<p><code>localhome ca</code> prints how to trust it.</p>"
                        : "<p>Trust it once per machine and browser (check the fingerprint first):</p>" + steps)
                + "</section>";
    }

    static String pac(Dashboard.Facts facts, int port) {
        String pac = Html.escape("http://%s:%d/proxy.pac".formatted(pacHost(facts.daemon().bindHost()), port));
        String own = Html.escape(facts.ownName());
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        String system = os.startsWith("mac")
                ? "<p>System-wide (Safari too): System Settings → Network → Details → Proxies → Automatic proxy configuration, with the URL above.</p>"
                : "<p>System-wide on GNOME:</p><pre>gsettings set org.gnome.system.proxy mode auto\ngsettings set org.gnome.system.proxy autoconfig-url " + pac + "</pre>";
        return "<section class=\"panel\" id=\"pac\"><h2>Bare names: <code>http://app/</code></h2>"
                + "<p>For <code>http://&lt;name&gt;/</code> and <code>https://&lt;name&gt;/</code> (and this page at <code>http://" + own
                + "/</code>), the browser must send dot-free names to localhome. Its PAC file sends it the names it serves (and names that resolve nowhere, which get its page of services), and everything else direct:</p>"
                + "<pre><a href=\"/proxy.pac\">" + pac + "</a></pre>"
                + "<p><strong>Chrome, Edge, Brave:</strong> open <code>chrome://extensions</code>, switch on Developer mode, "
                + "<em>Load unpacked</em> and pick the <code>extension/</code> folder of localhome. Or start the browser with</p>"
                + "<pre>chromium --proxy-pac-url=" + pac + "</pre>"
                + "<p><strong>Firefox:</strong> Settings → Network Settings → Automatic proxy configuration URL, with the URL above.</p>"
                + system + "</section>";
    }

    /** The PAC URL must reach the daemon directly: a wildcard bind is reached on IPv4 loopback. */
    static String pacHost(String bindHost) {
        if (bindHost.isEmpty() || bindHost.equals("0.0.0.0") || bindHost.equals("::") || bindHost.equals("localhost"))
            return "127.0.0.1";
        return bindHost.contains(":") && !bindHost.startsWith("[") ? "[" + bindHost + "]" : bindHost;
    }
}
