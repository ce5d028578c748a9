namespace FedActors.Crypto.Tests.SampleModel;

/// <summary>y = 2x + 1.</summary>
public sealed class LinearModel : ISampleModel
{
    /// <inheritdoc />
    public double Predict(double x) => (2 * x) + 1;
}
