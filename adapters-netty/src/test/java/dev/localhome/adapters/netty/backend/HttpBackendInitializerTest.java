package dev.localhome.adapters.netty.backend;

import dev.localhome.adapters.netty.forward.BackendResponseHandler;
import static org.assertj.core.api.Assertions.assertThat;

import dev.localhome.adapters.netty.inbound.PipelineNames;
import dev.localhome.domain.Endpoint;
import io.netty.channel.embedded.EmbeddedChannel;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The backend pipeline the README draws as {@code [tls]? [idle] [http-client] [response]}, as Netty builds it. */
class HttpBackendInitializerTest {
    private static final Endpoint BACKEND = Endpoint.loopback(3000);
    // The name DefaultChannelPipeline gives its tail; pipeline().names() lists it last.
    private static final java.time.Duration ANSWER_WITHIN = java.time.Duration.ofSeconds(120);
    private static final String NETTY_TAIL = "DefaultChannelPipeline$TailContext#0";

    @Test
    void aPlainBackendGetsIdleHttpClientAndResponseAndTheInitializerIsGone() {
        BackendProtocols protocols = new BackendProtocols();
        EmbeddedChannel backend = new EmbeddedChannel(new HttpBackendInitializer(protocols.tlsOrNull(BACKEND), BACKEND, BackendResponseHandler::new, ANSWER_WITHIN));
        try {
            assertThat(ourNames(backend)).containsExactly(PipelineNames.IDLE, PipelineNames.HTTP_CLIENT, PipelineNames.RESPONSE_DEADLINE, PipelineNames.WEBSOCKET_GOODBYE, PipelineNames.RESPONSE);
            assertTheRestIsNettysOwn(backend);
        } finally {
            backend.finishAndReleaseAll();
        }
    }

    @Test
    void aBackendThatRefusedPlainHttpGetsTlsInFront() {
        BackendProtocols protocols = new BackendProtocols();
        EmbeddedChannel plainAttempt = new EmbeddedChannel(new HttpBackendInitializer(protocols.tlsOrNull(BACKEND), BACKEND, BackendResponseHandler::new, ANSWER_WITHIN));
        assertThat(protocols.reconsider(BACKEND, plainAttempt)).as("a failed plain attempt is worth a TLS one").isTrue();
        plainAttempt.finishAndReleaseAll();

        EmbeddedChannel backend = new EmbeddedChannel(new HttpBackendInitializer(protocols.tlsOrNull(BACKEND), BACKEND, BackendResponseHandler::new, ANSWER_WITHIN));
        try {
            assertThat(ourNames(backend))
                    .containsExactly(PipelineNames.TLS, PipelineNames.IDLE, PipelineNames.HTTP_CLIENT, PipelineNames.RESPONSE_DEADLINE, PipelineNames.WEBSOCKET_GOODBYE, PipelineNames.RESPONSE);
            assertTheRestIsNettysOwn(backend);
        } finally {
            backend.finishAndReleaseAll();
        }
    }

    /** No initializer left behind, nothing unnamed: only Netty's tail (EmbeddedChannel reports no head). */
    private static void assertTheRestIsNettysOwn(EmbeddedChannel channel) {
        List<String> ours = ourNames(channel);
        assertThat(channel.pipeline().names()).as("the names that are not PipelineNames")
                .filteredOn(name -> !ours.contains(name))
                .containsExactly(NETTY_TAIL);
    }

    /** The pipeline's names, in order, that are {@link PipelineNames} constants. */
    private static List<String> ourNames(EmbeddedChannel channel) {
        Set<String> ours = pipelineNames();
        return channel.pipeline().names().stream().filter(ours::contains).toList();
    }

    private static Set<String> pipelineNames() {
        Set<String> names = new TreeSet<>();
        try {
            for (Field field : PipelineNames.class.getDeclaredFields()) {
                if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class) names.add((String) field.get(null));
            }
        } catch (IllegalAccessException e) {
            throw new AssertionError(e);
        }
        return names;
    }
}
