package dev.drydock.dashboard.web;

import io.quarkus.qute.TemplateData;
import java.util.List;

/** One import job on the Imports page: its progress as a bar, its digests short, its error in words. */
@TemplateData
public record ImportRow(long id, String source, List<String> targets, String status, String statusClass, int blobsDone,
        int blobsTotal, long bytesDone, long bytesTotal, int percent, String bytesText, String blobsText,
        String sourceDigest, String sourceDigestShort, String targetDigest, String targetDigestShort, String error,
        String rateLimit, Times created, boolean active) {}
