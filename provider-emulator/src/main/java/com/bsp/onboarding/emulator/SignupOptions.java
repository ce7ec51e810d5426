package com.bsp.onboarding.emulator;

import java.time.Duration;

/**
 * How an emulated Embedded Signup ends.
 *
 * @param age how long ago the customer finished: older than the code lifetime, the code has expired
 * @param flow how the customer finished (number, coexistence, no number)
 * @param scopes the scope names of the token's debug_token answer; null: the emulator's current default
 * @param tokenReachesOtherWaba the token was granted another WABA than the one the finish message names: its
 *     scopes list that other WABA, and Graph refuses the named one to it
 */
public record SignupOptions(Duration age, SignupFlow flow, TokenScopes scopes, boolean tokenReachesOtherWaba) {

    public static SignupOptions defaults() {
        return new SignupOptions(Duration.ZERO, SignupFlow.DEFAULT, null, false);
    }

    public SignupOptions withAge(Duration value) {
        return new SignupOptions(value, flow, scopes, tokenReachesOtherWaba);
    }

    public SignupOptions withFlow(SignupFlow value) {
        return new SignupOptions(age, value, scopes, tokenReachesOtherWaba);
    }

    public SignupOptions withScopes(TokenScopes value) {
        return new SignupOptions(age, flow, value, tokenReachesOtherWaba);
    }

    public SignupOptions reachingOtherWaba() {
        return new SignupOptions(age, flow, scopes, true);
    }
}
