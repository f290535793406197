/**
 * Teaching material. For now stories, the first tenant-scoped resource: written by teachers, read
 * by students once published, soft-deleted, every act decided by access control.
 */
package org.lectern.content;
