package dev.drydock.registry.http;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/** A raw HTTP/1.1 server whose answers are written byte for byte by the test, to exercise framing and reuse. */
final class ScriptedServer implements AutoCloseable {

    /** What the server does with one request: the raw bytes to write, and whether to close afterwards. */
    record Reply(String raw, boolean closeAfter) {
        static Reply keep(String raw) {
            return new Reply(raw, false);
        }

        static Reply thenClose(String raw) {
            return new Reply(raw, true);
        }
    }

    /** One request as it arrived: its head lines and body. */
    record Request(List<String> head, byte[] body) {
        String requestLine() {
            return head.get(0);
        }

        String header(String name) {
            String prefix = name.toLowerCase(Locale.ROOT) + ":";
            return head.stream().filter(l -> l.toLowerCase(Locale.ROOT).startsWith(prefix))
                    .map(l -> l.substring(prefix.length()).trim()).findFirst().orElse(null);
        }
    }

    private final ServerSocket server;
    private final Function<Request, Reply> script;
    final AtomicInteger connections = new AtomicInteger();
    final List<Request> requests = new CopyOnWriteArrayList<>();

    ScriptedServer(Function<Request, Reply> script) throws IOException {
        this.script = script;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::accept, "scripted-server");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.getLocalPort() + path);
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                connections.incrementAndGet();
                Thread t = new Thread(() -> serve(socket), "scripted-connection");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket socket) {
        try (socket) {
            InputStream in = new BufferedInputStream(socket.getInputStream());
            OutputStream out = socket.getOutputStream();
            while (true) {
                List<String> head = new java.util.ArrayList<>();
                for (String line = Lines.read(in); !line.isEmpty(); line = Lines.read(in)) {
                    head.add(line);
                }
                Request partial = new Request(head, new byte[0]);
                String length = partial.header("Content-Length");
                byte[] body = length == null ? new byte[0] : in.readNBytes(Integer.parseInt(length));
                Request request = new Request(head, body);
                requests.add(request);
                Reply reply = script.apply(request);
                out.write(reply.raw().getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
                if (reply.closeAfter()) {
                    return;
                }
            }
        } catch (IOException e) {
            // the client went away
        }
    }

    static String text(InputStream body) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        body.transferTo(all);
        return all.toString(StandardCharsets.UTF_8);
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
