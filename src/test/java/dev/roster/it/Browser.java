package dev.roster.it;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A real headless Chromium from Debian's packages ({@code chromium}, {@code chromium-driver};
 * {@code .ci/run} installs them), driven through its own chromedriver so that Selenium downloads
 * nothing. Screenshots go to {@code target/screenshots/}, to be looked at.
 */
public final class Browser implements AutoCloseable {

  static final Path SCREENSHOTS = Path.of("target", "screenshots");
  private static final String CHROMIUM = "/usr/bin/chromium";
  private static final String CHROMEDRIVER = "/usr/bin/chromedriver";

  /** A phone held upright (390 x 844 CSS px): the narrowest screen the console is made for. */
  public static final Dimension PHONE = new Dimension(390, 844);

  private final ChromeDriver driver;
  private final Path profile;

  private Browser(ChromeDriver driver, Path profile) {
    this.driver = driver;
    this.profile = profile;
  }

  /** A new browser with its own empty profile, at a laptop-sized window. */
  public static Browser start() {
    if (!new File(CHROMIUM).canExecute() || !new File(CHROMEDRIVER).canExecute()) {
      throw new IllegalStateException(
          "The browser tests need Debian's chromium and chromium-driver:"
              + " apt-get install -y chromium chromium-driver (.ci/run does this).");
    }
    try {
      Path profile = Files.createTempDirectory("roster-chromium");
      ChromeOptions options = new ChromeOptions();
      options.setBinary(CHROMIUM);
      options.addArguments(
          "--headless=new",
          "--no-sandbox",
          "--disable-gpu",
          "--disable-dev-shm-usage",
          "--disable-background-networking",
          "--disable-component-update",
          "--disable-sync",
          "--no-first-run",
          "--disable-quic",
          "--window-size=1366,900",
          "--user-data-dir=" + profile);
      ChromeDriverService service =
          new ChromeDriverService.Builder()
              .usingDriverExecutable(new File(CHROMEDRIVER))
              .usingAnyFreePort()
              .build();
      return new Browser(new ChromeDriver(service, options), profile);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public ChromeDriver driver() {
    return driver;
  }

  public void open(String url) {
    driver.get(url);
  }

  public WebElement find(String id) {
    return wait(Duration.ofSeconds(15))
        .until(ExpectedConditions.visibilityOfElementLocated(By.id(id)));
  }

  /**
   * Types into a field and checks that it holds the text. A page that was still replacing itself
   * can detach the element between finding and typing (Chromium then reports a node that "does not
   * belong to the document"); the field is found again until it holds the text, for up to 15 s.
   */
  public void type(String id, String text) {
    wait(Duration.ofSeconds(15))
        .ignoring(WebDriverException.class)
        .until(
            d -> {
              WebElement field = d.findElement(By.id(id));
              field.clear();
              field.sendKeys(text);
              return text.equals(field.getDomProperty("value"));
            });
  }

  /** Clicks a submit button and waits until the page it leads to has replaced this one. */
  public void submit(String buttonId) {
    WebElement button = find(buttonId);
    WebElement html = driver.findElement(By.tagName("html"));
    button.click();
    awaitReplaced(html);
  }

  /** Waits until the page whose root element is {@code html} has been replaced and has loaded. */
  public void awaitReplaced(WebElement html) {
    wait(Duration.ofSeconds(20)).until(d -> detached(html));
    loaded();
  }

  /**
   * Whether the element has left the document. Besides the standard stale-element error, Chromium
   * sometimes answers for a replaced page's node with a plain error that the node "does not belong
   * to the document" (which ExpectedConditions.stalenessOf lets through, failing the test).
   */
  private static boolean detached(WebElement element) {
    try {
      element.isEnabled();
      return false;
    } catch (StaleElementReferenceException e) {
      return true;
    } catch (WebDriverException e) {
      if (String.valueOf(e.getMessage()).contains("does not belong to the document")) {
        return true;
      }
      throw e;
    }
  }

  /** Waits until the current document has loaded completely. */
  public void loaded() {
    wait(Duration.ofSeconds(20))
        .until(
            d ->
                "complete"
                    .equals(((JavascriptExecutor) d).executeScript("return document.readyState")));
  }

  public String text() {
    return driver.findElement(By.tagName("body")).getText();
  }

  public String url() {
    return driver.getCurrentUrl();
  }

  public WebDriverWait wait(Duration timeout) {
    return new WebDriverWait(driver, timeout);
  }

  /** Sets the window's size; headless, the page's viewport is the whole window. */
  public void resize(Dimension size) {
    driver.manage().window().setSize(size);
  }

  /**
   * Saves the page as {@code target/screenshots/<name>.png} at the window's size (a laptop's,
   * unless the test chose another) and {@code <name>-phone.png} at a phone's, then gives the window
   * its size back. (Tablets fall between the two, whose layouts are the ones that change.)
   */
  public void screenshot(String name) {
    try {
      Files.createDirectories(SCREENSHOTS);
      save(name + ".png");
      Dimension size = driver.manage().window().getSize();
      resize(PHONE);
      save(name + "-phone.png");
      resize(size);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void save(String file) throws IOException {
    Files.copy(
        driver.getScreenshotAs(OutputType.FILE).toPath(),
        SCREENSHOTS.resolve(file),
        StandardCopyOption.REPLACE_EXISTING);
  }

  @Override
  public void close() {
    try {
      driver.quit();
    } finally {
      try (var files = Files.walk(profile)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      } catch (IOException e) {
        // a temp directory left behind is harmless
      }
    }
  }
}
