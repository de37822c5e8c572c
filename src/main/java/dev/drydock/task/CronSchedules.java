package dev.drydock.task;

import java.util.Locale;
import org.quartz.CronExpression;

/** Turns a 5-field Unix cron (minute hour day-of-month month day-of-week, UTC) into a Quartz expression. */
public final class CronSchedules {

    private CronSchedules() {}

    /** @throws IllegalArgumentException with the reason, for the API to report */
    public static String toQuartz(String cron) {
        if (cron == null || cron.isBlank()) {
            throw new IllegalArgumentException("schedule is required, e.g. \"0 3 * * *\"");
        }
        String[] f = cron.strip().split("\\s+");
        if (f.length != 5) {
            throw new IllegalArgumentException("schedule must have 5 fields (minute hour day-of-month month day-of-week), had " + f.length);
        }
        String dom = f[2];
        String dow = f[4].equals("*") ? "*" : shiftDaysOfWeek(f[4]);
        // Quartz wants exactly one of day-of-month and day-of-week to be '?'.
        if (!dom.equals("*") && !dow.equals("*")) {
            throw new IllegalArgumentException("schedule cannot restrict both day-of-month and day-of-week");
        }
        if (dow.equals("*")) {
            dow = "?";
        } else {
            dom = "?";
        }
        String quartz = String.join(" ", "0", f[0], f[1], dom, f[3], dow);
        if (!CronExpression.isValidExpression(quartz)) {
            try {
                CronExpression.validateExpression(quartz);
            } catch (java.text.ParseException e) {
                throw new IllegalArgumentException("invalid schedule \"" + cron + "\": " + e.getMessage());
            }
        }
        return quartz;
    }

    /** Unix counts Sunday as 0 (or 7), Quartz as 1. */
    private static String shiftDaysOfWeek(String field) {
        StringBuilder out = new StringBuilder();
        StringBuilder number = new StringBuilder();
        boolean step = false;
        for (char c : (field + " ").toCharArray()) {
            if (Character.isDigit(c)) {
                number.append(c);
                continue;
            }
            if (!number.isEmpty() && step) {
                out.append(number);
                number.setLength(0);
            } else if (!number.isEmpty()) {
                int day = Integer.parseInt(number.toString());
                if (day > 7) {
                    throw new IllegalArgumentException("day-of-week " + day + " is not in 0-7");
                }
                out.append(day % 7 + 1);
                number.setLength(0);
            }
            step = c == '/';
            if (c != ' ') {
                out.append(Character.toUpperCase(c));
            }
        }
        return out.toString().toUpperCase(Locale.ROOT);
    }
}
