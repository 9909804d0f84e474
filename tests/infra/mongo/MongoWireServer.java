import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;

/** Binds mongo-java-server (in-memory backend) on loopback for the integration tests. */
public class MongoWireServer {
    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        MongoServer server = new MongoServer(new MemoryBackend());
        server.bind("127.0.0.1", port);
        Runtime.getRuntime().addShutdownHook(new Thread(server::shutdown));
        System.out.println("READY " + port);
        System.out.flush();
        Thread.currentThread().join();
    }
}
