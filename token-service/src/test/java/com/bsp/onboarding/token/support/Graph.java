package com.bsp.onboarding.token.support;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;

/** Stubs of the two Graph calls, in Meta's documented shapes. */
public final class Graph {

    public static final String EXCHANGE = "/v23.0/oauth/access_token";
    public static final String DEBUG_TOKEN = "/v23.0/debug_token";

    private Graph() {
    }

    public static void codeGivesToken(String code, String token) {
        codeAnswers(code, okJson("{\"access_token\":\"" + token + "\",\"token_type\":\"bearer\"}"));
    }

    public static void codeAnswers(String code, ResponseDefinitionBuilder response) {
        GraphWireMockResource.graph().stubFor(get(urlPathEqualTo(EXCHANGE)).withQueryParam("code", equalTo(code))
                .withQueryParam("client_id", equalTo("app-id-for-tests"))
                .withQueryParam("client_secret", equalTo("app-secret-for-tests"))
                .willReturn(response));
    }

    public static void tokenManages(String token, String... wabaIds) {
        GraphWireMockResource.graph().stubFor(get(urlPathEqualTo(DEBUG_TOKEN)).withQueryParam("input_token", equalTo(token))
                .withHeader("Authorization", equalTo("Bearer system-user-token-for-tests"))
                .willReturn(okJson("{\"data\":{\"app_id\":\"app-id-for-tests\",\"type\":\"SYSTEM_USER\",\"is_valid\":true,"
                        + "\"scopes\":[\"whatsapp_business_management\",\"whatsapp_business_messaging\"],\"granular_scopes\":["
                        + "{\"scope\":\"whatsapp_business_management\",\"target_ids\":[\"" + String.join("\",\"", wabaIds) + "\"]},"
                        + "{\"scope\":\"whatsapp_business_messaging\",\"target_ids\":[\"999999\"]}]}}")));
    }

    public static ResponseDefinitionBuilder graphError(int status, int code, int subcode, String message) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json")
                .withBody("{\"error\":{\"message\":\"" + message + "\",\"type\":\"OAuthException\",\"code\":" + code
                        + ",\"error_subcode\":" + subcode + ",\"fbtrace_id\":\"AbCdEf\"}}");
    }

    public static int exchangesOf(String code) {
        return GraphWireMockResource.graph().countRequestsMatching(getRequestedFor(urlPathEqualTo(EXCHANGE))
                .withQueryParam("code", equalTo(code)).build()).getCount();
    }
}
