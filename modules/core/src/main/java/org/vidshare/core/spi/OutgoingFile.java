package org.vidshare.core.spi;

import java.nio.file.Path;
import java.time.Duration;

/**
 * The payload of a download: {@code length} bytes of {@code path} from {@code offset}, sent after
 * {@code delay}. The server schedules the start; no thread waits it out.
 */
public record OutgoingFile(Path path, long offset, long length, Duration delay) {
}
