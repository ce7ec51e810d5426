package com.bsp.onboarding.link.hub;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.jboss.logging.Logger;

/**
 * A hub's platform secret. Either fixed, or read from a file that {@link #refresh()} re-reads when it
 * changes, so a secret regenerated in the 360Dialog hub is swapped in without downtime. Reading the
 * current value never touches the disk: links are signed on the event loop.
 */
public final class PlatformSecret {

    private static final Logger LOG = Logger.getLogger(PlatformSecret.class);

    private final String hubId;
    private final Optional<Path> file;
    private final AtomicReference<byte[]> current = new AtomicReference<>();
    private volatile FileTime lastModified;

    private PlatformSecret(String hubId, Optional<Path> file, byte[] initial) {
        this.hubId = hubId;
        this.file = file;
        this.current.set(initial);
    }

    public static PlatformSecret fixed(String hubId, String secret) {
        return new PlatformSecret(hubId, Optional.empty(), requireUsable(hubId, secret));
    }

    /** Reads the file once now (at start-up, off the event loop); fails start-up if it is missing or empty. */
    public static PlatformSecret fromFile(String hubId, Path file) {
        PlatformSecret secret = new PlatformSecret(hubId, Optional.of(file), null);
        if (!secret.reload()) {
            throw new IllegalStateException("Platform secret file of hub " + hubId + " could not be read: " + file);
        }
        return secret;
    }

    /** The secret to sign with now. The array is shared: callers must not modify it. */
    public byte[] current() {
        return current.get();
    }

    /** Blocking file check; call from a worker thread. Keeps the old secret if the new file is unreadable. */
    public void refresh() {
        if (file.isEmpty()) {
            return;
        }
        try {
            FileTime modified = Files.getLastModifiedTime(file.get());
            if (!modified.equals(lastModified) && reload()) {
                LOG.infof("Platform secret of hub %s reloaded from %s", hubId, file.get());
            }
        } catch (IOException e) {
            LOG.warnf("Platform secret file of hub %s unreadable (%s); still signing with the previous secret",
                    hubId, e.getClass().getSimpleName());
        }
    }

    private boolean reload() {
        try {
            Path path = file.orElseThrow();
            FileTime modified = Files.getLastModifiedTime(path);
            String content = Files.readString(path, StandardCharsets.UTF_8).strip();
            if (content.isEmpty()) {
                LOG.warnf("Platform secret file of hub %s is empty; keeping the previous secret", hubId);
                return false;
            }
            current.set(content.getBytes(StandardCharsets.UTF_8));
            lastModified = modified;
            return true;
        } catch (IOException e) {
            if (current.get() == null) {
                throw new UncheckedIOException("Platform secret file of hub " + hubId + " unreadable", e);
            }
            return false;
        }
    }

    private static byte[] requireUsable(String hubId, String secret) {
        if (secret == null || secret.isBlank()) {
            throw new IllegalStateException("Platform secret of hub " + hubId + " is empty");
        }
        return secret.strip().getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "PlatformSecret[" + hubId + ", ****]";
    }
}
