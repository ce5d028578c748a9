using FedActors.TestKit;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace FedActors.Persistence.Tests.Infrastructure;

/// <summary>Discovers <see cref="SpecFactAttribute"/> tests, skipping PostgreSQL specs when no database is configured outside CI.</summary>
public sealed class SpecFactDiscoverer(IMessageSink diagnosticMessageSink) : IXunitTestCaseDiscoverer
{
    public IEnumerable<IXunitTestCase> Discover(ITestFrameworkDiscoveryOptions discoveryOptions, ITestMethod testMethod, IAttributeInfo factAttribute)
    {
        var needsPostgreSql = testMethod.TestClass.Class.GetCustomAttributes(typeof(RequiresPostgreSqlAttribute)).Any();
        if (needsPostgreSql && TestDatabase.SkipReason is { } reason)
        {
            yield return new XunitSkippedDataRowTestCase(
                diagnosticMessageSink, discoveryOptions.MethodDisplayOrDefault(), discoveryOptions.MethodDisplayOptionsOrDefault(), testMethod,
                reason);
            yield break;
        }

        yield return new XunitTestCase(
            diagnosticMessageSink, discoveryOptions.MethodDisplayOrDefault(), discoveryOptions.MethodDisplayOptionsOrDefault(), testMethod);
    }
}
