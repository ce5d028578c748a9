using FedActors.Cluster.Node;
using FedActors.Cluster.Settings;
using FedActors.Configuration;
using FedActors.Crypto.Identity;
using FedActors.Remote.Settings;

namespace FedActors.Cluster.Tests;

public sealed class NodeSettingsTests
{
    private static readonly string[] DataSets = ["mnist", "fashion-mnist", "synthetic", "breast-cancer"];

    private static NodeSettings Read(string node, params NodeRole[] roles) =>
        NodeSettings.FromConfig(ConfigFactory.ParseString($"fedactors.node {{ {node} }}").WithFallback(ConfigFactory.Reference).GetConfig("fedactors.node"), roles, DataSets);

    [Fact]
    public void A_client_names_a_catalog_partition()
    {
        var data = Read("data { set = mnist, partition-index = 3 }", NodeRole.Client).Data!;
        Assert.Equal("mnist", data.Set);
        Assert.Equal(3, data.PartitionIndex);
        Assert.Null(data.Path);
    }

    [Fact]
    public void A_client_names_a_directory_of_its_own_files()
    {
        var directory = Directory.CreateTempSubdirectory("fedactors-site-").FullName;
        try
        {
            var data = Read($"data.path = \"{directory}\"", NodeRole.Client).Data!;
            Assert.Equal(directory, data.Path);
            Assert.Null(data.Set);
        }
        finally
        {
            Directory.Delete(directory);
        }
    }

    [Fact]
    public void A_coordinator_has_no_data()
    {
        Assert.Null(Read("", NodeRole.Coordinator).Data);
        Assert.Equal("fed", Read("", NodeRole.Coordinator).SystemName);
    }

    [Theory]
    [InlineData("", NodeRole.Client, "fedactors.node.data.set must name the client's data")]
    [InlineData("data { set = cifar, partition-index = 1 }", NodeRole.Client, "fedactors.node.data.set must be one of mnist, fashion-mnist, synthetic, breast-cancer, was string \"cifar\"")]
    [InlineData("data { set = mnist }", NodeRole.Client, "fedactors.node.data.partition-index must be >= 0 with set, was -1")]
    [InlineData("data { set = mnist, partition-index = 0, path = \"/x\" }", NodeRole.Client, "fedactors.node.data.path must be \"\" when data.set is given")]
    [InlineData("data.path = \"/no/such/site\"", NodeRole.Client, "fedactors.node.data.path must be an existing directory")]
    [InlineData("data { set = mnist, partition-index = 0 }", NodeRole.Coordinator, "fedactors.node.data.set is for client nodes only")]
    [InlineData("system-name = \"no spaces\"", NodeRole.Coordinator, "fedactors.node.system-name must be a valid actor system name")]
    [InlineData("leave-timeout = 0s", NodeRole.Coordinator, "fedactors.node.leave-timeout must be a finite duration > 0")]
    public void Invalid_node_settings_are_refused_naming_the_key(string node, NodeRole role, string message)
    {
        var error = Assert.Throws<ConfigException>(() => Read(node, role));
        Assert.Contains(message, error.Message);
    }

    [Theory]
    [InlineData("coordinator.conf", NodeRole.Coordinator)]
    [InlineData("key-manager.conf", NodeRole.KeyManager)]
    [InlineData("client.conf", NodeRole.Client)]
    public void The_shipped_node_configurations_are_valid(string file, NodeRole role)
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (!File.Exists(Path.Combine(directory!.FullName, "FedActors.sln")))
        {
            directory = directory.Parent;
        }
        var config = ConfigFactory.Load(Path.Combine(directory.FullName, "hocon", file));

        var cluster = ClusterSettings.FromConfig(config.GetConfig("fedactors.cluster"));
        RemoteSettings.FromConfig(config.GetConfig("fedactors.remote"));
        var node = NodeSettings.FromConfig(config.GetConfig("fedactors.node"), cluster.Roles, DataSets);

        Assert.Equal([role], cluster.Roles);
        Assert.Equal(2, cluster.SeedNodes.Count);
        Assert.Equal(role == NodeRole.Client, node.Data is not null);
        Assert.Equal("FEDACTORS_KEY_PASSWORD", node.KeyPasswordEnv);
    }
}
