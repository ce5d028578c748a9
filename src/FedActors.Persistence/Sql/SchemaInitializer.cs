using FedActors.Persistence.Resilience;

namespace FedActors.Persistence.Sql;

/// <summary>
/// Creates a SQL store's tables once, on first use, when <see cref="SqlStoreSettings.AutoInitialize"/> is set:
/// concurrent first callers wait for one creation, run under the store's <see cref="ResiliencePolicy"/>;
/// a failed creation is tried again by the next caller.
/// </summary>
internal sealed class SchemaInitializer(SqlDialect dialect, ResiliencePolicy policy) : IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private volatile bool _initialized;

    public async Task EnsureCreatedAsync(CancellationToken cancellationToken)
    {
        if (_initialized || !dialect.Settings.AutoInitialize)
        {
            return;
        }

        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (!_initialized)
            {
                await policy.ExecuteAsync(async ct =>
                {
                    await using var connection = await dialect.OpenAsync(ct).ConfigureAwait(false);
                    await dialect.CreateSchemaAsync(connection, ct).ConfigureAwait(false);
                }, cancellationToken).ConfigureAwait(false);
                _initialized = true;
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose() => _gate.Dispose();
}
