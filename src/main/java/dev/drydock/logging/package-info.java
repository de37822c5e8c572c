/** What goes into logs: {@link dev.drydock.logging.LogText} escapes values that come from outside. */
package dev.drydock.logging;
