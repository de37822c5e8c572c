/**
 * The rules every API request meets before a resource sees it: JSON bodies are read strictly (no unknown fields,
 * no coerced types, no nulls inside lists or maps, no control characters), paths and query parameters carry no
 * control characters, and bodies are capped in size. Each refusal is a problem+json 400 (or 413) naming the field.
 */
package dev.drydock.input;
