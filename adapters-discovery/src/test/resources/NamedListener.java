import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/**
 * A stand-in dev server for end-to-end discovery tests, run as {@code java NamedListener.java <bind address>}:
 * listens on a free port, prints {@code READY <port>}, and exits when its stdin closes, so it never outlives the test.
 */
public class NamedListener {
    public static void main(String[] args) throws Exception {
        try (ServerSocket server = new ServerSocket()) {
            server.bind(new InetSocketAddress(InetAddress.getByName(args[0]), 0));
            System.out.println("READY " + server.getLocalPort());
            System.out.flush();
            while (System.in.read() >= 0) {
                // keep listening until the test closes our stdin or destroys us
            }
        }
    }
}
