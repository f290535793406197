/**
 * Generated teaching material, illustrations and speech, run as jobs that live in PostgreSQL and
 * pass a moderation gate before anyone but the requester sees them.
 *
 * <p>The seam between the jobs and the providers: {@link org.lectern.ai.AiProviders} says which
 * {@link org.lectern.ai.TextGenerator}, {@link org.lectern.ai.ImageGenerator} and {@link
 * org.lectern.ai.SpeechSynthesizer} are configured, and {@link org.lectern.ai.ModerationGate}
 * judges every prompt and result. Providers throw {@link org.lectern.ai.ProviderException}, which
 * says whether trying again may help.
 */
package org.lectern.ai;
