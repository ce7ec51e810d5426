package com.bsp.onboarding.e2e;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.util.Map;
import java.util.function.Consumer;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The customer's side of a hosted signup session in Chromium: the partner opens the session, the browser opens its
 * page, starts Embedded Signup, and does something in the (sandbox) Meta popup.
 */
final class HostedSignupPage {

    private HostedSignupPage() {
    }

    /** Opens a session with the partner's input (empty: none) and answers {id, url, expires_at}. */
    static JsonPath openSession(Stack stack, Map<String, ?> input) {
        var request = given().baseUri(stack.tokenService.baseUrl()).header("X-API-Key", Stack.API_KEY);
        if (!input.isEmpty()) {
            request = request.contentType(ContentType.JSON).body(input);
        }
        return request.when().post("/v1/signup-sessions").then().statusCode(201).extract().jsonPath();
    }

    /** Opens the session's page, clicks Start, lets {@code inPopup} act in Meta's popup, and comes back to the page. */
    static void runFlow(ChromeDriver browser, JsonPath session, Consumer<ChromeDriver> inPopup) {
        browser.get(session.getString("url"));
        String page = browser.getWindowHandle();
        new WebDriverWait(browser, Duration.ofSeconds(15)).until(ExpectedConditions.elementToBeClickable(By.id("start"))).click();
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(d -> d.getWindowHandles().size() > 1);
        browser.switchTo().window(browser.getWindowHandles().stream().filter(h -> !h.equals(page)).findFirst().orElseThrow());
        inPopup.accept(browser);
        browser.switchTo().window(page);
    }

    static void click(ChromeDriver browser, String id) {
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(ExpectedConditions.elementToBeClickable(By.id(id))).click();
    }

    /** The session as its partner reads it. */
    static JsonPath session(Stack stack, String id) {
        return given().baseUri(stack.tokenService.baseUrl()).header("X-API-Key", Stack.API_KEY)
                .when().get("/v1/signup-sessions/{id}", id).then().statusCode(200).extract().jsonPath();
    }
}
