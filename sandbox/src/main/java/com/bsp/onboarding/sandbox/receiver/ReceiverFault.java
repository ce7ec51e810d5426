package com.bsp.onboarding.sandbox.receiver;

/**
 * How a receiver misbehaves for its next {@code remaining} requests (-1: until cleared): answer
 * {@code status}, after waiting {@code delayMillis} (a "hang" is a delay longer than the sender's timeout).
 */
record ReceiverFault(long remaining, int status, long delayMillis) {

    static final ReceiverFault NONE = new ReceiverFault(0, 200, 0);

    boolean active() {
        return remaining != 0;
    }

    /** The fault once one request has used it up. */
    ReceiverFault consumed() {
        if (remaining <= 0) {
            return this; // none (0), or until cleared (-1)
        }
        return remaining == 1 ? NONE : new ReceiverFault(remaining - 1, status, delayMillis);
    }
}
