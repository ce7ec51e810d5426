package com.bsp.onboarding.emulator;

/**
 * A fault to inject: the next {@code times} calls of {@code operation} ("*" = any; {@code times} -1 =
 * until cleared), or a share ({@code rate}) of them, answer {@code httpStatus} with a Graph error of
 * {@code code}/{@code subcode}, or are dropped without an answer.
 *
 * @param target only calls on this target (a WABA, phone number, channel ...; null = any), so a test's
 *     fault reaches its own onboarding and no other that happens to run meanwhile
 */
public record FaultSpec(String operation, String target, long times, double rate, int httpStatus, Integer code, Integer subcode,
        boolean drop) {

    /** The admin API's defaults for the fields a request left out. */
    public static FaultSpec of(String operation, String target, Long times, Double rate, Integer httpStatus, Integer code,
            Integer subcode, Boolean drop) {
        return new FaultSpec(operation == null ? "*" : operation, target, times == null ? -1 : times, rate == null ? 1.0 : rate,
                httpStatus == null ? 500 : httpStatus, code, subcode, drop != null && drop);
    }

    boolean matches(String callOperation, String callTarget) {
        return (operation.equals("*") || operation.equals(callOperation)) && (target == null || target.equals(callTarget));
    }
}
