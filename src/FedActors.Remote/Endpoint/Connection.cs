using System.Net.Security;
using System.Net.Sockets;
using FedActors.Remote.Framing;

namespace FedActors.Remote.Endpoint;

/// <summary>An authenticated TLS connection with its frame reader and writer and the peer's incarnation UID.</summary>
internal sealed class Connection : IDisposable
{
    public Connection(TcpClient client, SslStream stream, FrameReader reader, FrameWriter writer, ulong uid)
    {
        Client = client;
        Stream = stream;
        Reader = reader;
        Writer = writer;
        Uid = uid;
    }

    public TcpClient Client { get; }

    public SslStream Stream { get; }

    public FrameReader Reader { get; }

    public FrameWriter Writer { get; }

    public ulong Uid { get; }

    public void Dispose()
    {
        Stream.Dispose();
        Client.Dispose();
    }
}
