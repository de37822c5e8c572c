package dev.drydock.dashboard;

import com.microsoft.playwright.Browser.NewContextOptions;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.options.AriaRole;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;

/**
 * Headless Chromium driven by Playwright for Java. Playwright's driver comes in its jar; the browser is the
 * system's ({@code chromium} from Debian): Playwright's own browser download is skipped.
 *
 * <p>The browser is {@code -Ddrydock.test.chromium=PATH} or {@code DRYDOCK_CHROMIUM}, else {@code /usr/bin/chromium}.
 * {@code DRYDOCK_TEST_BROWSER=off} skips the browser tests; otherwise a missing browser fails them.
 */
final class Browser implements AutoCloseable {

    static final List<String> CHROMIUM_ARGS = List.of("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
            "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync");

    private final Playwright playwright;
    private final com.microsoft.playwright.Browser browser;

    private Browser(Playwright playwright, com.microsoft.playwright.Browser browser) {
        this.playwright = playwright;
        this.browser = browser;
    }

    static Browser launch() {
        Assumptions.assumeFalse("off".equalsIgnoreCase(System.getenv("DRYDOCK_TEST_BROWSER")),
                "browser tests are off (DRYDOCK_TEST_BROWSER=off)");
        Path chromium = Path.of(System.getProperty("drydock.test.chromium",
                System.getenv().getOrDefault("DRYDOCK_CHROMIUM", "/usr/bin/chromium")));
        if (!Files.isExecutable(chromium)) {
            throw new IllegalStateException("no browser at " + chromium + ": install Debian's chromium "
                    + "(apt-get install chromium), point -Ddrydock.test.chromium at one, or set DRYDOCK_TEST_BROWSER=off");
        }
        Playwright playwright = Playwright.create(new Playwright.CreateOptions()
                .setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        try {
            return new Browser(playwright, playwright.chromium().launch(new BrowserType.LaunchOptions()
                    .setExecutablePath(chromium).setHeadless(true).setArgs(CHROMIUM_ARGS)));
        } catch (RuntimeException e) {
            playwright.close();
            throw e;
        }
    }

    /** A fresh browser profile (no cookies) with the given window size, resolving paths against the app. */
    BrowserContext context(String baseUrl, int width, int height) {
        return browser.newContext(new NewContextOptions().setBaseURL(baseUrl).setViewportSize(width, height));
    }

    BrowserContext context(NewContextOptions options) {
        return browser.newContext(options);
    }

    /** Opens {@code path}, is sent to the login page, signs in with {@code token} and lands back on {@code path}. */
    static Page signIn(BrowserContext context, String path, String token) {
        Page page = context.newPage();
        page.setDefaultTimeout(20_000);
        page.navigate(path);
        if (!page.url().contains("/login")) {
            throw new IllegalStateException("expected the login page, got " + page.url());
        }
        page.getByLabel("API token").fill(token);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in")).click();
        page.waitForURL(url -> !url.contains("/login"));
        return page;
    }

    @Override
    public void close() {
        try {
            browser.close();
        } finally {
            playwright.close();
        }
    }
}
