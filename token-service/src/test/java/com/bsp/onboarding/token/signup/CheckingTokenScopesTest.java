package com.bsp.onboarding.token.signup;

import static com.bsp.onboarding.token.support.Graph.emulator;
import static com.bsp.onboarding.token.support.Graph.signup;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.bsp.onboarding.emulator.IssuedCode;
import com.bsp.onboarding.emulator.SignupOptions;
import com.bsp.onboarding.emulator.TokenScopes;
import com.bsp.onboarding.testing.postgres.TestDatabaseResource;
import com.bsp.onboarding.token.support.TokenServiceTestResources;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/**
 * Meta renamed the management scope in June 2026 (reference §3.2): a check that insists on one name refuses every
 * real signup. The WABA must be among the targets of an accepted scope, or, when no scope lists targets, readable
 * with the token; a token that cannot reach it is still refused and never kept.
 */
@QuarkusTest
class CheckingTokenScopesTest {

    @Test
    void aTokenCarryingOnlyTheManageEventsScopeIsAccepted() {
        IssuedCode signup = signup(SignupOptions.defaults().withScopes(TokenScopes.MANAGE_EVENTS));

        SubmittingSignupsTest.submit(TokenServiceTestResources.ALPHA_KEY, signup).statusCode(201).body("status", equalTo("completed"));
        assertEquals(0, emulator().count("list_phone_numbers", signup.wabaId()), "the scope's targets settle it");
    }

    @Test
    void aTokenCarryingOnlyTheManagementScopeOfBeforeJune2026IsAccepted() {
        IssuedCode signup = signup(SignupOptions.defaults().withScopes(TokenScopes.MANAGEMENT));

        SubmittingSignupsTest.submit(TokenServiceTestResources.ALPHA_KEY, signup).statusCode(201).body("status", equalTo("completed"));
    }

    @Test
    void aTokenWhoseScopesListNoTargetsIsAcceptedWhenItReadsTheWaba() {
        IssuedCode signup = signup(SignupOptions.defaults().withScopes(TokenScopes.NO_TARGETS));

        SubmittingSignupsTest.submit(TokenServiceTestResources.ALPHA_KEY, signup).statusCode(201);
        assertEquals(1, emulator().count("list_phone_numbers", signup.wabaId()), "one functional check with the token");
    }

    @Test
    void aTokenWhoseScopesListAnotherWabaIsRefusedAndNotKept() {
        IssuedCode signup = signup(SignupOptions.defaults().reachingOtherWaba());

        SubmittingSignupsTest.submit(TokenServiceTestResources.ALPHA_KEY, signup).statusCode(403)
                .body("type", equalTo("urn:bsp-onboarding:problem:waba-not-granted"));
        assertNoTokenKeptFor(signup);
    }

    @Test
    void aTokenWithoutTargetsThatCannotReadTheWabaIsRefusedAndNotKept() {
        IssuedCode signup = signup(SignupOptions.defaults().withScopes(TokenScopes.NO_TARGETS).reachingOtherWaba());

        SubmittingSignupsTest.submit(TokenServiceTestResources.ALPHA_KEY, signup).statusCode(403)
                .body("type", equalTo("urn:bsp-onboarding:problem:waba-not-granted"));
        assertEquals(1, emulator().count("list_phone_numbers", signup.wabaId()));
        assertNoTokenKeptFor(signup);
    }

    private static void assertNoTokenKeptFor(IssuedCode signup) {
        var rows = TestDatabaseResource.query(TokenServiceTestResources.DATABASE,
                "SELECT status, token_ciphertext FROM signups WHERE waba_id = ?", signup.wabaId());
        assertEquals(1, rows.size());
        assertEquals("failed", rows.get(0).get("status"));
        assertEquals(null, rows.get(0).get("token_ciphertext"));
    }
}
