/**
 * Everything database-specific: the {@link io.livetasks.persistence.Dialect} chosen from the data source's
 * metadata, and per database ({@code h2}, {@code sqlserver}) the {@link io.livetasks.task.TaskStore} and
 * the {@link io.livetasks.changefeed.ChangeSource}. The classes directly in this package are the JDBC
 * plumbing both dialects share; the SQL itself lives only in the dialect packages.
 */
package io.livetasks.persistence;
