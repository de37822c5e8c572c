package dev.drydock.graph.rest;

import java.util.Map;

/**
 * Body of {@code POST /api/v1/buildfiles/analyze}.
 *
 * @param kind {@code Dockerfile} or {@code jib.yaml} (any case)
 * @param content the build file's text
 * @param args build arguments for Dockerfile {@code ARG}s; optional
 * @param platform target platform such as {@code linux/arm64}; optional, {@code linux/amd64} otherwise
 * @param target a Dockerfile stage to analyse as the final image ({@code docker build --target}); optional
 */
public record AnalyzeBuildFileRequest(String kind, String content, Map<String, String> args, String platform,
        String target) {}
