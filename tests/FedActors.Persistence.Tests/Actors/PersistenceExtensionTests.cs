using FedActors.Actors.Core;
using FedActors.Persistence.Memory;
using FedActors.Persistence.Sql;
using FedActors.Persistence.Tests.Infrastructure;
using Google.Protobuf.WellKnownTypes;
using static FedActors.Persistence.Tests.Actors.Journaling;

namespace FedActors.Persistence.Tests.Actors;

public sealed class PersistenceExtensionTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    private PersistenceSettings SqliteSettings()
    {
        var sqlite = new SqlStoreSettings("fedactors.persistence.sqlite", $"Data Source={_directory.File("run.db")}");
        return new PersistenceSettings(PersistencePlugin.Sqlite, PersistencePlugin.Sqlite, sqlite);
    }

    private static async Task<string> AskText(IActorRef actor, string command) =>
        (await actor.Ask<StringValue>(S(command), TimeSpan.FromSeconds(20))).Value;

    [Fact]
    public async Task Registering_twice_is_refused_with_what_to_do()
    {
        await using var system = ActorSystem.Create("twice");
        PersistenceExtension.Register(system, PersistenceSettings.InMemory);
        var error = Assert.Throws<InvalidOperationException>(() => PersistenceExtension.Register(system, new MemoryJournal(TimeProvider.System), new MemorySnapshotStore()));
        Assert.Contains("register persistence once, before the first persistent actor starts", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public Task A_persistent_actor_on_sqlite_resumes_in_a_new_actor_system() => ResumesInANewActorSystem(SqliteSettings);

    [PostgreSqlFact]
    public async Task A_persistent_actor_on_postgresql_resumes_in_a_new_actor_system()
    {
        var schema = PostgreSqlTestDatabase.NewSchemaName();
        try
        {
            await ResumesInANewActorSystem(() =>
            {
                var postgreSql = new SqlStoreSettings("fedactors.persistence.postgresql", PostgreSqlTestDatabase.RequireConnectionString(), schema: schema);
                return new PersistenceSettings(PersistencePlugin.PostgreSql, PersistencePlugin.PostgreSql, postgreSql: postgreSql);
            });
        }
        finally
        {
            await PostgreSqlTestDatabase.DropSchemaAsync(schema);
        }
    }

    private static async Task ResumesInANewActorSystem(Func<PersistenceSettings> settings)
    {
        await using (var first = ActorSystem.Create("first", new ActorSystemSetup { Settings = new ActorSettings(serializeMessages: true) }))
        {
            PersistenceExtension.Register(first, settings());
            var actor = first.ActorOf(Props.Create(() => new Journaling("coordinator", first.DeadLetters)));
            Assert.Equal("added a at 1", await AskText(actor, "add:a"));
            actor.Tell(S("snap"), first.DeadLetters);
            Assert.Equal("added b at 2", await AskText(actor, "add:b"));
        }

        await using var second = ActorSystem.Create("second", new ActorSystemSetup { Settings = new ActorSettings(serializeMessages: true) });
        PersistenceExtension.Register(second, settings());
        var resumed = second.ActorOf(Props.Create(() => new Journaling("coordinator", second.DeadLetters)));
        Assert.Equal("[a,b] at 2", await AskText(resumed, "get"));
        Assert.Equal("added c at 3", await AskText(resumed, "add:c"));
    }
}
