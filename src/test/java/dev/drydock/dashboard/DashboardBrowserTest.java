package dev.drydock.dashboard;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.CDPSession;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.PlaywrightException;
import com.microsoft.playwright.options.ColorScheme;
import dev.drydock.task.TaskFixtures;
import dev.drydock.task.run.RunLog;
import dev.drydock.task.run.RunService;
import dev.drydock.testing.DrydockStackResource;
import dev.drydock.testing.LocalRegistry;
import dev.drydock.testing.RegistryOptions;
import dev.drydock.testing.TestImages;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import java.net.URL;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.assertj.core.api.Assertions;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The dashboard in a real browser: live updates without reloading, a run's log as it grows, clicking through
 * the graph, an accessibility smoke check, and screenshots of every page (see {@link Screenshots}).
 */
@QuarkusTest
class DashboardBrowserTest {

    /** The dashboard's consumers read from when they joined: keep queueing until one run's event arrives. */
    private static final Duration JOIN = Duration.ofSeconds(60);

    private static Browser browser;

    @TestHTTPResource("/")
    URL root;

    @Inject
    RunLog log;

    @Inject
    RunService runs;

    @Inject
    dev.drydock.rebuild.worker.RunExecutor workers;

    @Inject
    ObjectMapper json;

    @BeforeAll
    static void launch() {
        browser = Browser.launch();
    }

    @AfterAll
    static void close() {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    void shouldShowARunQueuedThroughTheApiWithoutReloading() {
        String task = DashboardFixtures.task("browser-live");
        try (BrowserContext context = browser.context(root.toString(), 1280, 800)) {
            Page page = Browser.signIn(context, "/", DrydockStackResource.ADMIN_TOKEN);
            assertThat(page.locator("h1")).hasText("Pending rebuilds");
            assertThat(page.locator("#live-status")).hasText("Live");
            page.evaluate("() => { window.drydockNotReloaded = true; }");

            List<Long> queued = new ArrayList<>();
            Instant giveUp = Instant.now().plus(JOIN);
            Long shown = null;
            while (shown == null && Instant.now().isBefore(giveUp)) {
                long id = DashboardFixtures.runThroughApi(task);
                queued.add(id);
                try {
                    // Queued, or already built and listed under "Recently finished": either way, on the page now.
                    page.locator("#pending [data-run-id='" + id + "']").first()
                            .waitFor(new Locator.WaitForOptions().setTimeout(5_000));
                    shown = id;
                } catch (PlaywrightException e) {
                    // the dashboard's consumer had not joined yet: queue another
                }
            }
            Assertions.assertThat(shown).as("one of the runs %s appeared on the pending page", queued).isNotNull();
            Assertions.assertThat(page.evaluate("() => window.drydockNotReloaded === true")).isEqualTo(true);
            assertThat(page.locator("#pending")).containsText(task);
        }
    }

    @Test
    void shouldShowARebuildCausedByABaseBumpAndThenItsSuccessWithoutReloading() {
        String base = dev.drydock.testing.TestStack.get().upstreamRegistry().host() + "/bases/"
                + dev.drydock.task.TaskFixtures.unique("bump") + ":1";
        dev.drydock.testing.TestImages.push(base);
        String task = dev.drydock.task.TaskFixtures.unique("bumped");
        dev.drydock.task.TaskFixtures.create(dev.drydock.task.TaskFixtures.inlineTask(task, base)).statusCode(201);
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(15)).until(() -> io.restassured.RestAssured.given()
                .get("/api/v1/bases?reference=" + base).then().extract().jsonPath().getString("items[0].digest") != null);
        long baseId = io.restassured.RestAssured.given().get("/api/v1/bases?reference=" + base).then().extract()
                .jsonPath().getLong("items[0].id");
        try (BrowserContext context = browser.context(root.toString(), 1280, 800)) {
            Page page = Browser.signIn(context, "/", DrydockStackResource.ADMIN_TOKEN);
            awaitLiveUpdates(page);
            page.evaluate("() => { window.drydockNotReloaded = true; }");

            workers.pause();
            long runId;
            try {
                dev.drydock.testing.TestImages.push(base);
                io.restassured.RestAssured.given().post("/api/v1/bases/" + baseId + "/check").then().statusCode(200);
                runId = org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> io.restassured.RestAssured
                        .given().get("/api/v1/runs?task=" + task).then().extract().jsonPath().getList("items.id", Long.class),
                        ids -> !ids.isEmpty()).get(0);
                Locator queued = page.locator("#pending [data-run-id='" + runId + "']").first();
                assertThat(queued).containsText("Queued", new com.microsoft.playwright.assertions.LocatorAssertions.ContainsTextOptions().setTimeout(20_000));
                assertThat(queued).containsText(base);
            } finally {
                workers.resume();
            }
            assertThat(page.locator("#pending [data-run-id='" + runId + "']").first()).containsText("Succeeded",
                    new com.microsoft.playwright.assertions.LocatorAssertions.ContainsTextOptions().setTimeout(60_000));
            Assertions.assertThat(page.evaluate("() => window.drydockNotReloaded === true")).isEqualTo(true);
        }
    }

    /** The dashboard's consumers start at the newest record: wait until a new run shows up live. */
    private static void awaitLiveUpdates(Page page) {
        String task = DashboardFixtures.task("join");
        Instant giveUp = Instant.now().plus(JOIN);
        while (Instant.now().isBefore(giveUp)) {
            long id = DashboardFixtures.runThroughApi(task);
            try {
                page.locator("#pending [data-run-id='" + id + "']").first().waitFor(new Locator.WaitForOptions().setTimeout(5_000));
                return;
            } catch (PlaywrightException e) {
                // not joined yet: queue another
            }
        }
        throw new AssertionError("the dashboard never showed a new run live");
    }

    @Test
    void shouldShowTheTasksOfAnUnreachableBaseAsBehindUntilItRecovers() {
        try (LocalRegistry registry = LocalRegistry.start(RegistryOptions.anonymous())) {
            String base = registry.host() + "/bases/" + TaskFixtures.unique("down") + ":1";
            TestImages.push(base);
            String task = TaskFixtures.unique("down-app");
            TaskFixtures.create(TaskFixtures.inlineTask(task, base)).statusCode(201);
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> RestAssured.given()
                    .get("/api/v1/bases?reference=" + base).then().extract().jsonPath().getList("items").size() == 1);
            long baseId = RestAssured.given().get("/api/v1/bases?reference=" + base).then().extract().jsonPath()
                    .getLong("items[0].id");
            RestAssured.given().post("/api/v1/bases/" + baseId + "/check").then().statusCode(200).body("status", equalTo("ok"));
            DashboardFixtures.runThroughApi(task);
            Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> RestAssured.given()
                    .get("/api/v1/tasks/" + task + "/freshness").then().extract().jsonPath().getBoolean("upToDate"));
            try (BrowserContext context = browser.context(root.toString(), 1280, 800)) {
                Page page = Browser.signIn(context, "/", DrydockStackResource.ADMIN_TOKEN);
                assertThat(page.locator("#behind-" + task)).hasCount(0);

                registry.stop();
                Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> "unreachable".equals(RestAssured.given()
                        .post("/api/v1/bases/" + baseId + "/check").then().extract().path("status")));
                page.reload();
                Locator behind = page.locator("#behind-" + task);
                assertThat(behind).containsText("Base unreachable");
                assertThat(behind).containsText(base);
                assertThat(page.locator("#pending")).not().containsText("Nothing is waiting");

                registry.startProcess();
                // The registry client's circuit for that host may still be open for a moment after it returns.
                Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> "ok".equals(RestAssured.given()
                        .post("/api/v1/bases/" + baseId + "/check").then().extract().path("status")));
                page.reload();
                assertThat(page.locator("#behind-" + task)).hasCount(0);
            }
        }
    }

    @Test
    void shouldFollowTheLogOfARunAsLinesAreWritten() {
        String task = DashboardFixtures.task("browser-log");
        long run = DashboardFixtures.parkedRun(task);
        log.append(run, "waiting for a worker");
        try (BrowserContext context = browser.context(root.toString(), 1280, 800)) {
            Page page = Browser.signIn(context, "/runs/" + run, DrydockStackResource.READ_TOKEN);
            assertThat(page.locator("h1")).containsText("Run #" + run);
            assertThat(page.locator("#log")).containsText("waiting for a worker");
            page.evaluate("() => { window.drydockNotReloaded = true; }");

            log.append(run, "resolved base " + DashboardFixtures.upstreamImage(task));
            log.append(run, "layer 2/3 pushed");
            assertThat(page.locator("#log")).containsText("layer 2/3 pushed");
            Assertions.assertThat(page.locator("#log .log-line").allTextContents()).hasSize(3);
            Assertions.assertThat(page.evaluate("() => window.drydockNotReloaded === true")).isEqualTo(true);
            // A reader sees no buttons.
            Assertions.assertThat(page.locator("#cancel-run").count()).isZero();
        } finally {
            DashboardFixtures.end(runs, run);
        }
    }

    @Test
    void shouldClickFromABaseInTheGraphToATaskItWouldRebuild() {
        String task = DashboardFixtures.task("browser-graph");
        String base = DashboardFixtures.upstreamImage(task);
        try (BrowserContext context = browser.context(root.toString(), 1280, 800)) {
            // Focused on the task, the picture stays small however many bases there are; its base is one click away.
            Page page = Browser.signIn(context, "/graph?task=" + task, DrydockStackResource.READ_TOKEN);
            page.locator("svg.graph a[aria-label^='Image " + base + ":']").click();
            page.waitForURL(url -> url.contains("base=" + URLEncoder.encode(base, StandardCharsets.UTF_8)));
            assertThat(page.locator("#selection")).containsText("rebuilds 1 task");
            Locator node = page.locator("svg.graph a[href='/tasks/" + task + "']");
            assertThat(node).hasClass(java.util.regex.Pattern.compile(".*\\blit\\b.*"));
            node.click();
            page.waitForURL(url -> url.endsWith("/tasks/" + task));
            assertThat(page.locator("h1")).hasText(task);
        }
    }

    @Test
    void shouldShowCacheRuleChangesWithoutReloading() {
        String rule = cacheRule("browser-cache");
        try (BrowserContext context = browser.context(root.toString(), 1280, 800)) {
            Page page = Browser.signIn(context, "/cache/" + rule, DrydockStackResource.ADMIN_TOKEN);
            assertThat(page.locator("#live-status")).hasText("Live");
            page.evaluate("() => { window.drydockNotReloaded = true; }");
            Instant giveUp = Instant.now().plus(JOIN);
            int seconds = 6;
            boolean shown = false;
            while (!shown && Instant.now().isBefore(giveUp)) {
                seconds++;
                RestAssured.given().contentType("application/merge-patch+json").body("{\"refresh\":\"PT" + seconds + "S\"}")
                        .patch("/api/v1/cache-rules/" + rule).then().statusCode(200);
                try {
                    page.locator("#rule-summary").getByText("at most every " + seconds + " s")
                            .waitFor(new Locator.WaitForOptions().setTimeout(5_000));
                    shown = true;
                } catch (PlaywrightException e) {
                    // the dashboard's consumer had not joined yet: change it again
                }
            }
            Assertions.assertThat(shown).as("the rule's new refresh on its page").isTrue();
            Assertions.assertThat(page.evaluate("() => window.drydockNotReloaded === true")).isEqualTo(true);

            // Rules are listed by name with other tests' rules: open the page that holds this one.
            List<String> names = RestAssured.given().get("/api/v1/cache-rules?size=500").then().extract().jsonPath()
                    .getList("items.name", String.class);
            page.navigate("/cache?page=" + names.indexOf(rule) / 50);
            assertThat(page.locator("#rule-" + rule)).isVisible();
            assertThat(page.locator("#live-status")).hasText("Live");
            page.evaluate("() => { window.drydockNotReloaded = true; }");
            RestAssured.given().delete("/api/v1/cache-rules/" + rule).then().statusCode(204);
            assertThat(page.locator("#rule-" + rule)).hasCount(0,
                    new com.microsoft.playwright.assertions.LocatorAssertions.HasCountOptions().setTimeout(30_000));
            Assertions.assertThat(page.evaluate("() => window.drydockNotReloaded === true")).isEqualTo(true);
        }
    }

    @Test
    void shouldPassAnAccessibilitySmokeCheckOnEveryPage() {
        String task = DashboardFixtures.task("browser-a11y");
        long run = DashboardFixtures.parkedRun(task);
        String rule = cacheRule("browser-a11y");
        List<String> paths = List.of("/", "/runs", "/runs/" + run, "/bases", "/graph", "/tasks", "/tasks/" + task,
                "/imports", "/cache", "/cache/" + rule);
        try (BrowserContext context = browser.context(root.toString(), 1280, 800)) {
            Page page = Browser.signIn(context, "/", DrydockStackResource.ADMIN_TOKEN);
            for (String path : paths) {
                page.navigate(path);
                Accessibility.check(page, path);
            }
            Page login = browser.context(root.toString(), 1280, 800).newPage();
            login.navigate("/login");
            Accessibility.check(login, "/login");
            login.context().close();
        } finally {
            DashboardFixtures.end(runs, run);
        }
        try (BrowserContext dark = browser.context(new com.microsoft.playwright.Browser.NewContextOptions()
                .setBaseURL(root.toString()).setViewportSize(1280, 800).setColorScheme(ColorScheme.DARK))) {
            Page page = Browser.signIn(dark, "/", DrydockStackResource.READ_TOKEN);
            for (String path : paths) {
                page.navigate(path);
                Accessibility.checkContrast(page, path + " (dark)");
            }
        }
    }

    /**
     * The outermost elements that reach past the screen's right edge outside any box that scrolls sideways (a
     * scrolling box, such as the phone's menu, keeps its overflow to itself), to say what to fix.
     */
    static final String WIDER_THAN_THE_SCREEN = """
            () => {
              const edge = document.documentElement.clientWidth + 1;
              const scrolls = e => ['auto', 'scroll', 'hidden'].includes(getComputedStyle(e).overflowX);
              const inScroller = e => { for (let p = e.parentElement; p && p !== document.body; p = p.parentElement) {
                if (scrolls(p)) return true; } return false; };
              const past = [...document.querySelectorAll('body *')]
                .filter(e => e.getBoundingClientRect().right > edge && !inScroller(e));
              const texts = [];
              const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
              for (let t = walker.nextNode(); t; t = walker.nextNode()) {
                const range = document.createRange();
                range.selectNodeContents(t);
                if (range.getBoundingClientRect().right > edge && !inScroller(t.parentElement)) texts.push(t.parentElement);
              }
              return [...past.filter(e => !past.includes(e.parentElement)), ...texts].slice(0, 5)
                .map(e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + (e.className ? '.' + e.className : '')
                    + ' ' + Math.round(e.getBoundingClientRect().width) + 'px "' + (e.textContent || '').trim().slice(0, 60) + '"')
                .join('; ');
            }""";

    @Test
    void shouldFitAPhoneScreen() {
        try (BrowserContext context = browser.context(root.toString(), 390, 844)) {
            Page page = Browser.signIn(context, "/", DrydockStackResource.READ_TOKEN);
            cacheRule("browser-phone");
            for (String path : List.of("/", "/runs", "/bases", "/tasks", "/graph", "/imports", "/cache")) {
                page.navigate(path);
                Object overflow = page.evaluate("() => document.documentElement.scrollWidth - document.documentElement.clientWidth");
                Assertions.assertThat(((Number) overflow).intValue())
                        .as("sideways scrolling of %s on a phone, by %s", path, page.evaluate(WIDER_THAN_THE_SCREEN))
                        .isLessThanOrEqualTo(0);
            }
        }
    }

    @Test
    void shouldTakeScreenshotsOfEveryPage() throws Exception {
        Screenshots.Demo demo = Screenshots.demo(runs, log, json);
        try (BrowserContext context = browser.context(root.toString(), 1280, 800)) {
            Page login = context.newPage();
            login.navigate("/login");
            Screenshots.take(login, "login");
            Page page = Browser.signIn(context, "/", DrydockStackResource.ADMIN_TOKEN);
            assertThat(page.locator("#live-status")).hasText("Live");
            assertThat(page.locator("#pending")).containsText(demo.cascadeTask());
            Screenshots.take(page, "pending");
            page.navigate("/runs");
            Screenshots.take(page, "runs");
            page.navigate("/runs/" + demo.finishedRun());
            assertThat(page.locator("#log")).containsText("pushed");
            Screenshots.take(page, "run");
            page.navigate("/bases");
            Screenshots.take(page, "bases");
            page.navigate("/graph?base=" + URLEncoder.encode(demo.base(), StandardCharsets.UTF_8));
            Screenshots.take(page, "graph");
            page.navigate("/tasks");
            Screenshots.take(page, "tasks");
            page.navigate("/tasks/" + demo.baseTask());
            Screenshots.take(page, "task");
        }
        try (BrowserContext phone = browser.context(root.toString(), 390, 844)) {
            Page page = Browser.signIn(phone, "/", DrydockStackResource.ADMIN_TOKEN);
            assertThat(page.locator("#live-status")).hasText("Live");
            Screenshots.take(page, "pending-phone");
            page.navigate("/runs/" + demo.finishedRun());
            Screenshots.take(page, "run-phone");
        } finally {
            demo.end(runs);
        }
    }

    /** A cache rule created through the API, so that the Cache pages have a row; returns its name. */
    private static String cacheRule(String prefix) {
        String name = TaskFixtures.unique(prefix);
        RestAssured.given().contentType(io.restassured.http.ContentType.JSON).body("{\"name\":\"" + name + "\",\"source\":\""
                + dev.drydock.testing.TestStack.get().upstreamRegistry().host() + "/" + name + "\",\"target\":\"cache/" + name
                + "\"}").post("/api/v1/cache-rules").then().statusCode(201);
        return name;
    }

    /** Checks that run in the page: accessible names (the browser's own), visible focus, contrast. */
    static final class Accessibility {

        /** Roles that a person operates, which must have a name. */
        private static final Set<String> CONTROLS = Set.of("button", "link", "textbox", "combobox", "listbox",
                "checkbox", "radio", "searchbox", "menuitem", "tab", "switch", "slider", "spinbutton");
        private static final int TABS = 10;

        private Accessibility() {}

        static void check(Page page, String where) {
            checkNames(page, where);
            checkFocus(page, where);
            checkContrast(page, where);
        }

        /** Every control and link has an accessible name, as Chromium computes it. */
        static void checkNames(Page page, String where) {
            CDPSession cdp = page.context().newCDPSession(page);
            JsonObject tree = cdp.send("Accessibility.getFullAXTree");
            List<String> unnamed = new ArrayList<>();
            int controls = 0;
            for (JsonElement e : tree.getAsJsonArray("nodes")) {
                JsonObject node = e.getAsJsonObject();
                if (node.has("ignored") && node.get("ignored").getAsBoolean()) {
                    continue;
                }
                String role = value(node, "role");
                if (role == null || !CONTROLS.contains(role)) {
                    continue;
                }
                controls++;
                String name = value(node, "name");
                if (name == null || name.isBlank()) {
                    unnamed.add(role + " (backend node " + node.get("backendDOMNodeId") + ")");
                }
            }
            cdp.detach();
            Assertions.assertThat(controls).as("controls on %s", where).isPositive();
            Assertions.assertThat(unnamed).as("controls without an accessible name on %s", where).isEmpty();
            // The DOM view of the same rule, for the form controls the page itself declares.
            Object missing = page.evaluate("""
                    () => Array.from(document.querySelectorAll('input:not([type=hidden]), select, textarea, button'))
                      .filter(el => !(el.labels && el.labels.length) && !el.getAttribute('aria-label')
                        && !el.getAttribute('aria-labelledby') && !(el.tagName === 'BUTTON' && el.textContent.trim()))
                      .map(el => el.outerHTML.slice(0, 120))""");
            Assertions.assertThat((List<?>) missing).as("form controls without a label on %s", where).isEmpty();
        }

        /**
         * Tab moves the focus from the top of the page (or from an autofocused field), and the focused element shows
         * it: an outline of 2px or more (a thick stroke for links inside the SVG graph).
         */
        static void checkFocus(Page page, String where) {
            List<String> seen = new ArrayList<>();
            Map<String, Object> start = focus(page);
            boolean autofocused = !"BODY".equals(start.get("tag"));
            if (autofocused) {
                Assertions.assertThat(start.get("visible")).as("autofocused %s on %s shows focus", start.get("what"), where)
                        .isEqualTo(true);
            }
            for (int i = 0; i < TABS; i++) {
                page.keyboard().press("Tab");
                Map<String, Object> focus = focus(page);
                if ("BODY".equals(focus.get("tag"))) {
                    // Past the last control: the focus went to the browser's own interface.
                    Assertions.assertThat(i).as("Tab %d on %s moves the focus", i + 1, where).isPositive();
                    break;
                }
                Assertions.assertThat(focus.get("visible")).as("focus of %s (Tab %d on %s) is visible", focus.get("what"), i + 1, where)
                        .isEqualTo(true);
                seen.add(String.valueOf(focus.get("what")));
            }
            if (!autofocused) {
                Assertions.assertThat(seen.get(0)).as("the first Tab on %s reaches the skip link", where).contains("Skip to content");
            }
        }

        @SuppressWarnings("unchecked")
        private static Map<String, Object> focus(Page page) {
            return (Map<String, Object>) page.evaluate("""
                    () => {
                      const el = document.activeElement;
                      if (!el || el === document.body || el === document.documentElement) return { tag: 'BODY', visible: false, what: 'nothing' };
                      const s = getComputedStyle(el);
                      let visible = s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2;
                      const rect = el.closest('svg') ? el.querySelector('rect') : null;
                      if (!visible && rect) visible = parseFloat(getComputedStyle(rect).strokeWidth) >= 3;
                      return { tag: el.tagName, visible: visible,
                               what: el.tagName + ' ' + (el.getAttribute('aria-label') || el.textContent || '').trim().slice(0, 40) };
                    }""");
        }

        /** Body text and the other kinds of text on the page stand out from their background by 4.5:1 or more. */
        static void checkContrast(Page page, String where) {
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> ratios = (List<Map<String, Object>>) page.evaluate("""
                    () => {
                      const parse = c => {
                        const m = c.match(/rgba?\\(([^)]+)\\)/);
                        if (!m) return null;
                        const p = m[1].split(/[\\s,\\/]+/).filter(Boolean).map(Number);
                        return { r: p[0], g: p[1], b: p[2], a: p.length > 3 ? p[3] : 1 };
                      };
                      const lum = c => {
                        const f = v => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
                        return 0.2126 * f(c.r) + 0.7152 * f(c.g) + 0.0722 * f(c.b);
                      };
                      const background = el => {
                        for (let e = el; e; e = e.parentElement) {
                          const c = parse(getComputedStyle(e).backgroundColor);
                          if (c && c.a > 0.5) return c;
                        }
                        return { r: 255, g: 255, b: 255, a: 1 };
                      };
                      const ratio = el => {
                        const fg = parse(getComputedStyle(el).color), bg = background(el);
                        const a = lum(fg), b = lum(bg);
                        return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
                      };
                      const out = [{ what: 'body', ratio: ratio(document.body) }];
                      for (const sel of ['h1', 'main p', '.muted', '.top nav a', '.role', '.badge', 'thead th', 'td',
                                         'button', 'button.primary', 'button.danger', 'label', 'code', 'main a', '.log']) {
                        const el = document.querySelector(sel);
                        if (el) out.push({ what: sel, ratio: ratio(el) });
                      }
                      return out;
                    }""");
            for (Map<String, Object> r : ratios) {
                Assertions.assertThat(((Number) r.get("ratio")).doubleValue())
                        .as("contrast of %s on %s", r.get("what"), where).isGreaterThanOrEqualTo(4.5);
            }
        }

        private static String value(JsonObject node, String field) {
            if (!node.has(field) || !node.get(field).isJsonObject()) {
                return null;
            }
            JsonElement v = node.getAsJsonObject(field).get("value");
            return v == null || v.isJsonNull() ? null : v.getAsString();
        }
    }
}
