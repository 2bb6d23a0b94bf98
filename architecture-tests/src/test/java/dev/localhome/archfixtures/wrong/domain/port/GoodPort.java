package dev.localhome.archfixtures.wrong.domain.port;

import dev.localhome.archfixtures.wrong.domain.Value;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.CompletionStage;

/** A well-behaved port: java and domain types only. */
public interface GoodPort {
    CompletionStage<List<Value>> scan(String source, int limit) throws IOException;
}
