package io.tributary.server.node;

import io.tributary.server.config.ServerConfig;
import io.tributary.server.tls.SelfSignedTls;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.PemKeyCertOptions;
import java.util.Arrays;

/** The HTTP server settings of every role: plain HTTP, or HTTPS/WSS with PEM files or a certificate generated now. */
public final class HttpOptions {

    private HttpOptions() {
    }

    public static HttpServerOptions of(ServerConfig config) {
        HttpServerOptions options = new HttpServerOptions();
        ServerConfig.TlsConfig tls = config.tls();
        if (tls == null) {
            return options;
        }
        PemKeyCertOptions pem = new PemKeyCertOptions();
        if (tls.selfSigned()) {
            SelfSignedTls.Pem generated = SelfSignedTls.generate(Arrays.asList(config.host(), config.announcedIp()));
            pem.setCertValue(Buffer.buffer(generated.certificate())).setKeyValue(Buffer.buffer(generated.privateKey()));
        } else {
            pem.setCertPath(tls.certificateFile()).setKeyPath(tls.keyFile());
        }
        return options.setSsl(true).setKeyCertOptions(pem);
    }
}
