package io.crystalbus.egress;

import java.util.List;
import java.util.Map;

/**
 * What a receiver needs to verify a distribution run's payout files: written last, after every file.
 *
 * @param contentEncoding the files' compression ({@code identity} when none)
 * @param totals          the sum of the payouts per currency, over all files
 */
public record PayoutManifest(String runId, String period, String format, String contentEncoding, int count,
                             Map<String, Long> totals, List<FileEntry> files) {

    /**
     * One payout file.
     *
     * @param sha256 hex SHA-256 of the file's bytes as written (compressed)
     */
    public record FileEntry(String name, int count, Map<String, Long> totals, long bytes, String sha256) {
    }
}
