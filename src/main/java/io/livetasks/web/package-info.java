/** The REST application and its error responses: every failure is an {@code application/problem+json} body. */
package io.livetasks.web;
