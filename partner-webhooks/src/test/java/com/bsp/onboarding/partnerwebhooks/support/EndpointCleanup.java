package com.bsp.onboarding.partnerwebhooks.support;

import io.restassured.path.json.JsonPath;
import java.util.List;

/** Removes a hub's endpoints, so one test's endpoints take no deliveries of the next. */
public final class EndpointCleanup {

    private EndpointCleanup() {
    }

    public static void removeAll(String apiKey) {
        JsonPath list = Hubs.as(apiKey).get("/v1/endpoints").then().statusCode(200).extract().jsonPath();
        List<String> ids = list.getList("id");
        for (String id : ids) {
            Hubs.as(apiKey).delete("/v1/endpoints/" + id).then().statusCode(204);
        }
    }
}
