package io.podnet.picture;

import static io.podnet.support.Api.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.podnet.support.Api;
import io.podnet.support.Api.Reply;
import io.podnet.support.IntegrationTest;
import io.podnet.support.TestDatabase;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The web console in a real headless Chromium (Debian's chromium and chromium-driver, which
 * .ci/run installs): a person opens /, gives the token, sees the clusters, the article's
 * cluster drawn with every node, bridge and pod, picks two pods and sees the path. Screenshots of
 * each view go to target/screenshots; the browser's console must stay free of errors. Skipped
 * where the browser is missing; when it ran it appends a line to target/browser-test-ran, which
 * CI requires.
 */
class ConsoleBrowserIT extends IntegrationTest {

	static final Path MARKER = Path.of("target", "browser-test-ran");
	private static final Path SCREENSHOTS = Path.of("target", "screenshots");
	private static final File CHROMIUM = new File(System.getProperty("podnet.chromium", "/usr/bin/chromium"));
	private static final File DRIVER = new File(System.getProperty("podnet.chromedriver", "/usr/bin/chromedriver"));

	private ChromeDriver browser;
	private WebDriverWait wait;

	@BeforeEach
	void openBrowser() {
		Assumptions.assumeTrue(CHROMIUM.canExecute() && DRIVER.canExecute(),
				() -> "browser test skipped: no " + (CHROMIUM.canExecute() ? DRIVER : CHROMIUM)
						+ " (apt-get install chromium chromium-driver)");
		ChromeOptions options = new ChromeOptions();
		options.setBinary(CHROMIUM);
		options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
				"--window-size=1500,1150", "--hide-scrollbars", "--force-device-scale-factor=1");
		options.setCapability("goog:loggingPrefs", Map.of(LogType.BROWSER, "ALL"));
		// the driver named, so Selenium Manager never tries to download one
		ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER).usingAnyFreePort()
				.build();
		browser = new ChromeDriver(service, options);
		wait = new WebDriverWait(browser, Duration.ofSeconds(20));
	}

	@AfterEach
	void closeBrowser() {
		if (browser != null) {
			browser.quit();
		}
	}

	@Test
	void aPersonSeesTheArticlesClusterAndAPathBetweenTwoOfItsPods() throws IOException {
		articleCluster();
		api.post("/api/v1/clusters", json("{'name':'other','nodeNetwork':'10.101.0.0/24','podNetwork':'10.245.0.0/16'}"));

		browser.get("http://localhost:" + port + "/");
		WebElement token = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("token")));
		screenshot("console-token");
		token.sendKeys(Api.ADMIN_TOKEN);
		browser.findElement(By.cssSelector("#token-form button")).click();

		// the clusters are listed, and the article's is drawn
		wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#cluster option"), 2));
		assertThat(browser.findElements(By.cssSelector("#cluster option")).stream().map(WebElement::getText))
				.containsExactly("demo", "other");
		new Select(browser.findElement(By.id("cluster"))).selectByValue("demo");
		wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#topology g.pod[data-name='default/db']")));
		for (String node : List.of("node-1", "node-2")) {
			assertThat(visible("#topology g.node[data-name='" + node + "']")).as(node).isTrue();
			assertThat(visible("#topology g.bridge[data-name='" + node + " cbr0']")).as(node + " cbr0").isTrue();
		}
		for (String pod : List.of("default/web", "default/api", "default/db")) {
			assertThat(visible("#topology g.pod[data-name='" + pod + "']")).as(pod).isTrue();
		}
		String topology = browser.findElement(By.id("topology")).getText();
		assertThat(topology).contains("eth0 10.100.0.2", "eth0 10.100.0.3", "cbr0 10.244.0.1/24", "cbr0 10.244.1.1/24",
				"eth0 10.244.0.2", "eth0 10.244.1.2", "10.244.1.0/24 via 10.100.0.3");
		// capacity at a glance: both nodes with their pods
		assertThat(browser.findElement(By.id("capacity")).getText()).contains("node-1", "2/110", "node-2", "1/110",
				"2 used");
		screenshot("console-topology");

		// two pods picked: the path, hop by hop, and how it ends
		new Select(browser.findElement(By.id("from"))).selectByValue("default/web");
		new Select(browser.findElement(By.id("to"))).selectByValue("default/db");
		browser.findElement(By.id("port")).sendKeys("5432");
		browser.findElement(By.id("trace")).click();
		wait.until(ExpectedConditions.textToBe(By.id("disposition"), "ACCEPTED"));
		wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#path-picture g.hop"), 5));
		assertThat(browser.findElements(By.cssSelector("#path-hops li"))).hasSize(5);
		assertThat(browser.findElement(By.id("path-summary")).getText()).contains("5 hops", "TTL 61",
				"stops at pod default/db");
		assertThat(browser.findElement(By.id("path-picture")).getText()).contains("10.244.1.0/24 via 10.100.0.3",
				"ACCEPTED here");
		browser.executeScript("document.getElementById('path-heading').scrollIntoView()");
		screenshot("console-path");
		Files.write(SCREENSHOTS.resolve("path-picture.png"),
				browser.findElement(By.id("path-picture")).getScreenshotAs(OutputType.BYTES));

		// a pod and an address: the user route drops it, and the picture says where
		new Select(browser.findElement(By.id("to"))).selectByValue("");
		browser.findElement(By.id("to-address")).sendKeys("10.244.200.7");
		browser.findElement(By.id("port")).clear();
		browser.findElement(By.id("trace")).click();
		wait.until(ExpectedConditions.textToBe(By.id("disposition"), "NULL_ROUTED"));
		assertThat(browser.findElement(By.id("path-picture")).getText()).contains("NULL_ROUTED here");
		screenshot("console-path-null-routed");

		assertThat(errors()).as("errors in the browser's console").isEmpty();
		Files.createDirectories(MARKER.getParent());
		Files.writeString(MARKER, TestDatabase.kind() + ": console, topology and path seen in "
				+ browser.getCapabilities().getBrowserVersion() + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
	}

	@Test
	void aLargeClusterIsSummarisedAndOneOfItsNodesOpensFromThePicture() throws IOException {
		ok(api.post("/api/v1/clusters", json("{'name':'big','nodeNetwork':'10.100.0.0/24','podNetwork':'10.244.0.0/16'}")));
		for (int i = 1; i <= PictureReader.DETAIL_NODES + 1; i++) {
			ok(api.post("/api/v1/clusters/big/nodes", json("{'name':'node-" + i + "'}")));
		}
		ok(api.post("/api/v1/clusters/big/namespaces/default/pods", json("{'name':'web','nodeName':'node-7',"
				+ "'containers':[{'name':'web','image':'nginx'}]}")));

		browser.get("http://localhost:" + port + "/");
		wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("token"))).sendKeys(Api.ADMIN_TOKEN);
		browser.findElement(By.cssSelector("#token-form button")).click();
		wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#topology g.node-summary[data-name='node-7']")));
		assertThat(browser.findElements(By.cssSelector("#topology g.node"))).as("no node drawn one by one").isEmpty();
		assertThat(browser.findElement(By.id("topology")).getText()).contains("51 nodes, 1 pod", "51 used of 256");
		screenshot("console-summary");

		// the fullest node's link opens its own picture, with the token, in the console
		browser.findElement(By.cssSelector("#topology g.node-summary[data-name='node-7'] a")).click();
		wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#topology g.pod[data-name='default/web']")));
		assertThat(browser.findElements(By.cssSelector("#topology g.node")).stream().map(node -> node.getAttribute(
				"data-name"))).containsExactly("node-7");
		assertThat(new Select(browser.findElement(By.id("node"))).getFirstSelectedOption().getText()).isEqualTo("node-7");
		screenshot("console-one-node");
		assertThat(errors()).as("errors in the browser's console").isEmpty();
	}

	private List<LogEntry> errors() {
		return browser.manage().logs().get(LogType.BROWSER).getAll().stream()
				.filter(entry -> entry.getLevel().intValue() >= Level.SEVERE.intValue()).toList();
	}

	private boolean visible(String css) {
		List<WebElement> found = browser.findElements(By.cssSelector(css));
		return !found.isEmpty() && found.get(0).isDisplayed();
	}

	private void screenshot(String name) throws IOException {
		Files.createDirectories(SCREENSHOTS);
		File shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
		Files.copy(shot.toPath(), SCREENSHOTS.resolve(name + "-" + TestDatabase.kind() + ".png"),
				StandardCopyOption.REPLACE_EXISTING);
	}

	/** The article's cluster: web and api on node-1, db on node-2, and a blackhole route on the gateway. */
	private void articleCluster() {
		ok(api.post("/api/v1/clusters", json("{'name':'demo','nodeNetwork':'10.100.0.0/24','podNetwork':'10.244.0.0/16'}")));
		ok(api.post("/api/v1/clusters/demo/nodes", json("{'name':'node-1'}")));
		ok(api.post("/api/v1/clusters/demo/nodes", json("{'name':'node-2'}")));
		pod("web", "node-1", 80);
		pod("api", "node-1", 8080);
		pod("db", "node-2", 5432);
		ok(api.post("/api/v1/clusters/demo/routes", json("{'destination':'10.244.200.0/24','type':'BLACKHOLE'}")));
	}

	private void pod(String name, String node, int port) {
		ok(api.post("/api/v1/clusters/demo/namespaces/default/pods", json("{'name':'" + name + "','nodeName':'" + node
				+ "','containers':[{'name':'" + name + "','image':'" + name + "','ports':[{'containerPort':" + port
				+ "}]}]}")));
	}

	private static void ok(Reply reply) {
		assertThat(reply.status()).as(reply.toString()).isBetween(200, 299);
	}
}
