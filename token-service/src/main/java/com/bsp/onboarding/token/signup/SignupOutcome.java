package com.bsp.onboarding.token.signup;

/**
 * @param firstTime true when this request did the exchange; false when it found an earlier result
 */
public record SignupOutcome(SignupResponse signup, boolean firstTime) {
}
