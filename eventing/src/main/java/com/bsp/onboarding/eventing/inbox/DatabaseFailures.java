package com.bsp.onboarding.eventing.inbox;

import io.vertx.pgclient.PgException;

/** Whether applying an input event again can succeed: a consumer retries those and skips the others. */
public final class DatabaseFailures {

    private DatabaseFailures() {
    }

    /**
     * A data exception (class 22, e.g. a NUL character in a text) or a constraint violation (class 23)
     * comes back the same on every retry: that record is skipped. Anything else, such as a lost
     * connection, is worth waiting out.
     */
    public static boolean isTransient(Throwable failure) {
        if (failure instanceof PgException pg && pg.getSqlState() != null) {
            String sqlState = pg.getSqlState();
            return !sqlState.startsWith("22") && !sqlState.startsWith("23");
        }
        return true;
    }
}
