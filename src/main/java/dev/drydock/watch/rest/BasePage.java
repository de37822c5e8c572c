package dev.drydock.watch.rest;

import java.util.List;

public record BasePage(List<BaseView> items, int page, int size, long total) {}
