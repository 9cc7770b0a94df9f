package io.soapersistence.autoconfigure;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;

import io.soapersistence.autoconfigure.fixtures.FixturesConfiguration;
import io.soapersistence.autoconfigure.fixtures.Order;
import io.soapersistence.autoconfigure.fixtures.OrderSoA;
import io.soapersistence.autoconfigure.fixtures.TradeSoA;
import io.soapersistence.autoconfigure.fixtures.sensors.SensorReadingSoA;
import io.soapersistence.autoconfigure.invalid.NoDefaultConstructorSoA;
import io.soapersistence.autoconfigure.invalid.NotAnSoA;
import io.soapersistence.ToArrow;
import io.soapersistence.parquet.Compression;
import io.soapersistence.parquet.Layout;
import io.soapersistence.parquet.ParquetPersistence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.task.TaskExecutionAutoConfiguration;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.ContextConsumer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.ResolvableType;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link SoaPersistenceAutoConfiguration}.
 */
class SoaPersistenceAutoConfigurationTests {

    @TempDir
    Path data;

    private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(SoaPersistenceAutoConfiguration.class));

    private ApplicationContextRunner scanning() {
        return this.contextRunner.withUserConfiguration(FixturesConfiguration.class)
            .withPropertyValues("soa.persistence.base-path=" + this.data);
    }

    private static ParquetPersistence<OrderSoA> orders(AssertableApplicationContext context) {
        return persistence(context, OrderSoA.class);
    }

    @SuppressWarnings("unchecked")
    private static <T extends ToArrow<T>> ParquetPersistence<T> persistence(AssertableApplicationContext context,
            Class<T> type) {
        return (ParquetPersistence<T>) context
            .getBeanProvider(ResolvableType.forClassWithGenerics(ParquetPersistence.class, type))
            .getObject();
    }

    // Registration

    @Test
    void registersOneBeanPerScannedTypeNamedAfterItsDataset() {
        scanning().run((context) -> {
            assertThat(context).hasNotFailed();
            assertThat(context.getBeanNamesForType(ParquetPersistence.class)).containsExactlyInAnyOrder(
                    "orderParquetPersistence", "tradeParquetPersistence", "sensorReadingParquetPersistence");
            assertThat(context.getBean(SoaPersistenceDatasets.class).all()).containsOnlyKeys("order", "trade",
                    "sensor-reading");
            assertThat(persistence(context, SensorReadingSoA.class).directory())
                .isEqualTo(this.data.resolve("sensor-reading"));
            assertThat(this.data.resolve("order")).isDirectory();
        });
    }

    @Test
    void injectsDatasetsOfDifferentTypesSideBySide() {
        scanning().withUserConfiguration(TwoDatasetsConsumer.class).run((context) -> {
            TwoDatasetsConsumer consumer = context.getBean(TwoDatasetsConsumer.class);
            assertThat(consumer.orders.type()).isEqualTo(OrderSoA.class);
            assertThat(consumer.trades.type()).isEqualTo(TradeSoA.class);
            consumer.orders.save(FixturesConfiguration.orders(3)).join();
            assertThat(consumer.orders.count().join()).isEqualTo(3);
            assertThat(consumer.trades.count().join()).isZero();
        });
    }

    @Test
    void registersNothingWithoutScanRootOrConfiguredTypes() {
        this.contextRunner.withPropertyValues("soa.persistence.base-path=" + this.data).run((context) -> {
            assertThat(context).hasNotFailed();
            assertThat(context).doesNotHaveBean(ParquetPersistence.class);
            assertThat(context.getBean(SoaPersistenceDatasets.class).all()).isEmpty();
        });
    }

    @Test
    void disabledRegistersNothing() {
        scanning().withPropertyValues("soa.persistence.enabled=false").run((context) -> {
            assertThat(context).doesNotHaveBean(ParquetPersistence.class);
            assertThat(context).doesNotHaveBean(SoaPersistenceDatasets.class);
            assertThat(context).doesNotHaveBean(SoaPersistenceAutoConfiguration.EXECUTOR_BEAN_NAME);
        });
    }

    @Test
    void enableSoaPersistenceReplacesTheDefaultPackages() {
        scanning().withUserConfiguration(SensorsOnly.class).run((context) -> {
            assertThat(context.getBeanNamesForType(ParquetPersistence.class))
                .containsExactly("sensorReadingParquetPersistence");
        });
    }

    @Test
    void scanPackagesPropertyReplacesTheDefaultPackages() {
        this.contextRunner
            .withPropertyValues("soa.persistence.base-path=" + this.data,
                    "soa.persistence.scan-packages=io.soapersistence.autoconfigure.fixtures.sensors")
            .run((context) -> assertThat(context.getBeanNamesForType(ParquetPersistence.class))
                .containsExactly("sensorReadingParquetPersistence"));
    }

    @Test
    void scanPackagesPropertyAddsToEnableSoaPersistence() {
        this.contextRunner.withUserConfiguration(SensorsOnly.class)
            .withPropertyValues("soa.persistence.base-path=" + this.data,
                    "soa.persistence.scan-packages=io.soapersistence.autoconfigure.clash")
            .run((context) -> assertThat(context.getBeanNamesForType(ParquetPersistence.class))
                .containsExactlyInAnyOrder("sensorReadingParquetPersistence", "orderParquetPersistence"));
    }

    @Test
    void configuredTypeUsesItsConfiguredNameAndIsNotRegisteredTwice() {
        scanning().withPropertyValues("soa.persistence.types.orders.type=" + OrderSoA.class.getName())
            .run((context) -> {
                assertThat(context.getBeanNamesForType(ParquetPersistence.class)).containsExactlyInAnyOrder(
                        "ordersParquetPersistence", "tradeParquetPersistence", "sensorReadingParquetPersistence");
                assertThat(orders(context).directory()).isEqualTo(this.data.resolve("orders"));
            });
    }

    @Test
    void configuredTypeWorksWithoutScanning() {
        this.contextRunner
            .withPropertyValues("soa.persistence.base-path=" + this.data,
                    "soa.persistence.types.orders.type=" + OrderSoA.class.getName())
            .run((context) -> assertThat(context.getBeanNamesForType(ParquetPersistence.class))
                .containsExactly("ordersParquetPersistence"));
    }

    @Test
    void typeEntryWithoutClassConfiguresTheScannedTypeOfThatName() {
        scanning().withPropertyValues("soa.persistence.types.order.compression=zstd").run((context) -> {
            assertThat(context.getBeanNamesForType(ParquetPersistence.class)).contains("orderParquetPersistence");
            assertThat(orders(context).compression()).isEqualTo(Compression.zstd());
        });
    }

    @Test
    void userDefinedPersistenceOfATypeWins() {
        scanning().withUserConfiguration(UserOrders.class).run((context) -> {
            assertThat(context).hasNotFailed();
            assertThat(context.getBeanNamesForType(ParquetPersistence.class)).containsExactlyInAnyOrder(
                    "userOrders", "tradeParquetPersistence", "sensorReadingParquetPersistence");
            assertThat(orders(context).directory()).isEqualTo(this.data.resolve("mine"));
            assertThat(context.getBean(SoaPersistenceDatasets.class).all()).doesNotContainKey("order");
        });
    }

    @Test
    void sameDatasetNameFromTwoScannedTypesFails() {
        this.contextRunner
            .withPropertyValues("soa.persistence.base-path=" + this.data,
                    "soa.persistence.scan-packages=io.soapersistence.autoconfigure.fixtures,"
                            + "io.soapersistence.autoconfigure.clash")
            .run(failsWith("both get the dataset name 'order'", "soa.persistence.types.<name>.type"));
    }

    // Properties

    @Test
    void defaults() {
        scanning().run((context) -> {
            ParquetPersistence<OrderSoA> orders = orders(context);
            assertThat(orders.compression()).isEqualTo(Compression.snappy());
            assertThat(orders.pageSize()).isEqualTo(1024 * 1024);
            assertThat(orders.rowGroupSize()).isEqualTo(128L * 1024 * 1024);
            SoaPersistenceProperties properties = context.getBean(SoaPersistenceProperties.class);
            assertThat(properties.getLayout()).isEqualTo(Layout.SINGLE_FILE);
            assertThat(properties.getLockTimeout()).isEqualTo(Duration.ofSeconds(30));
            assertThat(properties.getHealth().getFreeSpaceThreshold()).isEqualTo(DataSize.ofMegabytes(10));
            assertThat(new SoaPersistenceProperties().getBasePath()).isEqualTo("./data");
        });
    }

    @Test
    void basePath() {
        Path elsewhere = this.data.resolve("elsewhere");
        scanning().withPropertyValues("soa.persistence.base-path=" + elsewhere)
            .run((context) -> assertThat(orders(context).directory()).isEqualTo(elsewhere.resolve("order")));
    }

    @Test
    void compressionAndLevel() {
        scanning().withPropertyValues("soa.persistence.compression=ZSTD", "soa.persistence.compression-level=9")
            .run((context) -> assertThat(orders(context).compression()).isEqualTo(Compression.zstd(9)));
    }

    @Test
    void everyCodecParses() {
        for (String codec : List.of("snappy", "gzip", "zstd", "lz4", "brotli", "uncompressed")) {
            scanning().withPropertyValues("soa.persistence.compression=" + codec).run((context) -> assertThat(
                    orders(context).compression().codec().name()).isEqualToIgnoringCase(codec));
        }
    }

    @Test
    void pageAndRowGroupSize() {
        scanning().withPropertyValues("soa.persistence.page-size=64KB", "soa.persistence.row-group-size=8MB")
            .run((context) -> {
                assertThat(orders(context).pageSize()).isEqualTo(64 * 1024);
                assertThat(orders(context).rowGroupSize()).isEqualTo(8L * 1024 * 1024);
            });
    }

    @Test
    void lockTimeoutReachesTheDatasetSettings() {
        // ParquetPersistence has no lockTimeout() accessor: check the settings the factory applies.
        scanning().withPropertyValues("soa.persistence.lock-timeout=2s").run((context) -> {
            SoaPersistenceProperties properties = context.getBean(SoaPersistenceProperties.class);
            assertThat(DatasetSettings.of(properties, "order").lockTimeout()).isEqualTo(Duration.ofSeconds(2));
        });
    }

    @Test
    void layoutAndCompactionThreshold() {
        scanning().withPropertyValues("soa.persistence.layout=multi-file", "soa.persistence.compaction-threshold=5")
            .run((context) -> {
                ParquetPersistence<OrderSoA> orders = orders(context);
                assertThat(orders.layout()).isEqualTo(Layout.MULTI_FILE);
                assertThat(orders.compactionThreshold()).isEqualTo(5);
                orders.append(new OrderSoA()).join();
                assertThat(orders.directory().resolve("part-000001-000000.parquet")).exists();
            });
        scanning().run((context) -> assertThat(orders(context).layout()).isEqualTo(Layout.SINGLE_FILE));
    }

    @Test
    void spareCopyIsOnByDefaultAndCanBeTurnedOff() {
        scanning().run((context) -> {
            ParquetPersistence<OrderSoA> orders = orders(context);
            assertThat(orders.spareCopy()).isTrue();
            orders.append(new OrderSoA()).join();
            orders.append(new OrderSoA()).join();
            assertThat(orders.directory().resolve(".data.parquet.spare")).exists();
        });
        scanning().withPropertyValues("soa.persistence.spare-copy=false").run((context) -> {
            ParquetPersistence<OrderSoA> orders = orders(context);
            assertThat(orders.spareCopy()).isFalse();
            orders.append(new OrderSoA()).join();
            orders.append(new OrderSoA()).join();
            assertThat(orders.directory().resolve(".data.parquet.spare")).doesNotExist();
        });
    }

    @Test
    void unknownLayoutFails() {
        scanning().withPropertyValues("soa.persistence.layout=sharded").run(failsWith("soa.persistence.layout"));
    }

    @Test
    void filePermissionsAreOwnerOnlyByDefaultAndConfigurable() {
        scanning().run((context) -> {
            ParquetPersistence<OrderSoA> orders = orders(context);
            assertThat(java.nio.file.attribute.PosixFilePermissions.toString(orders.filePermissions()))
                .isEqualTo("rw-------");
        });
        scanning().withPropertyValues("soa.persistence.file-permissions=rw-r-----").run((context) -> {
            ParquetPersistence<OrderSoA> orders = orders(context);
            orders.save(new OrderSoA()).join();
            assertThat(java.nio.file.attribute.PosixFilePermissions.toString(
                    java.nio.file.Files.getPosixFilePermissions(orders.file()))).isEqualTo("rw-r-----");
        });
    }

    @Test
    void invalidFilePermissionsFail() {
        scanning().withPropertyValues("soa.persistence.file-permissions=rwx").run(
                failsWith("soa.persistence.file-permissions"));
        scanning().withPropertyValues("soa.persistence.file-permissions=r--r--r--").run(
                failsWith("soa.persistence.file-permissions", "read and write"));
    }

    @Test
    void relativeDatasetPathsCannotEscapeTheBasePath() {
        scanning().withPropertyValues("soa.persistence.types.order.path=../outside")
            .run(failsWith("soa.persistence.types.order.path", "outside"));
        scanning().withPropertyValues("soa.persistence.types[../evil].type=" + OrderSoA.class.getName())
            .run(failsWith("soa.persistence.types", "plain directory name"));
    }

    @Test
    void absoluteDatasetPathsAreAnExplicitChoice(@TempDir Path elsewhere) {
        scanning().withPropertyValues("soa.persistence.types.order.path=" + elsewhere.resolve("orders"))
            .run((context) -> assertThat(orders(context).directory()).isEqualTo(elsewhere.resolve("orders")));
    }

    @Test
    void symbolicLinksOutOfTheBasePathAreRefused(@TempDir Path elsewhere) throws Exception {
        java.nio.file.Files.createDirectories(this.data);
        java.nio.file.Files.createSymbolicLink(this.data.resolve("link"), elsewhere);
        scanning().withPropertyValues("soa.persistence.types.order.path=link/orders")
            .run(failsWith("soa.persistence.types.order.path", "symbolic link"));
    }

    @Test
    void twoConfiguredDatasetsMayShareATypeAndAreTellApartByBeanName() {
        scanning().withPropertyValues("soa.persistence.types.orders-eu.type=" + OrderSoA.class.getName(),
                "soa.persistence.types.orders-us.type=" + OrderSoA.class.getName())
            .run((context) -> {
                assertThat(context.getBean(SoaPersistenceDatasets.class).all()).containsKeys("orders-eu", "orders-us");
                ParquetPersistence<?> eu = context.getBean("ordersEuParquetPersistence", ParquetPersistence.class);
                ParquetPersistence<?> us = context.getBean("ordersUsParquetPersistence", ParquetPersistence.class);
                assertThat(eu.directory()).isNotEqualTo(us.directory());
            });
    }

    @Test
    void datasetNamesThatWouldShareABeanNameFail() {
        scanning().withPropertyValues("soa.persistence.types.a-b.type=" + OrderSoA.class.getName(),
                "soa.persistence.types.a_b.type=" + TradeSoA.class.getName())
            .run(failsWith("soa.persistence.types", "aBParquetPersistence"));
    }

    @Test
    void compactionThresholdBelowTwoFails() {
        scanning().withPropertyValues("soa.persistence.compaction-threshold=1")
            .run(failsWith("soa.persistence.compaction-threshold"));
    }

    @Test
    void perTypeOverrides() {
        Path custom = this.data.resolve("custom-orders");
        scanning()
            .withPropertyValues("soa.persistence.compression=zstd", "soa.persistence.compression-level=19",
                    "soa.persistence.types.orders.type=" + OrderSoA.class.getName(),
                    "soa.persistence.types.orders.path=" + custom, "soa.persistence.types.orders.compression=gzip",
                    "soa.persistence.types.orders.compression-level=2",
                    "soa.persistence.types.orders.page-size=128KB",
                    "soa.persistence.types.orders.row-group-size=16MB")
            .run((context) -> {
                ParquetPersistence<OrderSoA> orders = orders(context);
                assertThat(orders.directory()).isEqualTo(custom);
                assertThat(orders.compression()).isEqualTo(Compression.gzip(2));
                assertThat(orders.pageSize()).isEqualTo(128 * 1024);
                assertThat(orders.rowGroupSize()).isEqualTo(16L * 1024 * 1024);
                ParquetPersistence<TradeSoA> trades = persistence(context, TradeSoA.class);
                assertThat(trades.compression()).isEqualTo(Compression.zstd(19));
                assertThat(trades.pageSize()).isEqualTo(1024 * 1024);
            });
    }

    @Test
    void perTypeRelativePathResolvesAgainstBasePath() {
        scanning().withPropertyValues("soa.persistence.types.order.path=nested/orders")
            .run((context) -> assertThat(orders(context).directory())
                .isEqualTo(this.data.resolve("nested").resolve("orders")));
    }

    @Test
    void perTypeCodecDoesNotInheritTheTopLevelLevel() {
        scanning()
            .withPropertyValues("soa.persistence.compression=zstd", "soa.persistence.compression-level=19",
                    "soa.persistence.types.order.compression=gzip")
            .run((context) -> assertThat(orders(context).compression()).isEqualTo(Compression.gzip()));
    }

    // Failures

    @Test
    void unknownCodecFails() {
        scanning().withPropertyValues("soa.persistence.compression=lzo")
            .run(failsWith("soa.persistence.compression", "Unknown compression codec 'lzo'"));
    }

    @Test
    void unknownPerTypeCodecFails() {
        scanning()
            .withPropertyValues("soa.persistence.types.orders.type=" + OrderSoA.class.getName(),
                    "soa.persistence.types.orders.compression=lzo")
            .run(failsWith("soa.persistence.types.orders.compression", "lzo"));
    }

    @Test
    void levelOutOfRangeFails() {
        scanning().withPropertyValues("soa.persistence.compression=gzip", "soa.persistence.compression-level=12")
            .run(failsWith("soa.persistence.compression-level", "between 1 and 9"));
    }

    @Test
    void levelForCodecWithoutLevelsFails() {
        scanning().withPropertyValues("soa.persistence.compression-level=3")
            .run(failsWith("soa.persistence.compression-level", "SNAPPY takes no compression level"));
    }

    @Test
    void perTypeLevelOutOfRangeFails() {
        scanning()
            .withPropertyValues("soa.persistence.types.orders.type=" + OrderSoA.class.getName(),
                    "soa.persistence.types.orders.compression=zstd",
                    "soa.persistence.types.orders.compression-level=23")
            .run(failsWith("soa.persistence.types.orders.compression-level"));
    }

    @Test
    void zeroPageSizeFails() {
        scanning().withPropertyValues("soa.persistence.page-size=0B")
            .run(failsWith("soa.persistence.page-size", "positive"));
    }

    @Test
    void negativeRowGroupSizeFails() {
        scanning().withPropertyValues("soa.persistence.row-group-size=-1MB")
            .run(failsWith("soa.persistence.row-group-size", "positive"));
    }

    @Test
    void tooSmallPerTypePageSizeFails() {
        scanning().withPropertyValues("soa.persistence.types.order.page-size=10B")
            .run(failsWith("soa.persistence.types.order.page-size", "between 64"));
    }

    @Test
    void negativePerTypeRowGroupSizeFails() {
        scanning().withPropertyValues("soa.persistence.types.order.row-group-size=-5KB")
            .run(failsWith("soa.persistence.types.order.row-group-size", "positive"));
    }

    @Test
    void negativeLockTimeoutFails() {
        scanning().withPropertyValues("soa.persistence.lock-timeout=-1s")
            .run(failsWith("soa.persistence.lock-timeout"));
    }

    @Test
    void invalidSettingsFailEvenWithoutDatasets() {
        this.contextRunner.withPropertyValues("soa.persistence.compression=lzo")
            .run(failsWith("soa.persistence.compression"));
    }

    @Test
    void typeThatIsNotToArrowFails() {
        scanning().withPropertyValues("soa.persistence.types.orders.type=" + NotAnSoA.class.getName())
            .run(failsWith("soa.persistence.types.orders.type", "does not implement io.soapersistence.ToArrow"));
    }

    @Test
    void typeWithoutNoArgConstructorFails() {
        scanning().withPropertyValues("soa.persistence.types.orders.type=" + NoDefaultConstructorSoA.class.getName())
            .run(failsWith("soa.persistence.types.orders.type", "public no-argument constructor"));
    }

    @Test
    void typeNotFoundFails() {
        scanning().withPropertyValues("soa.persistence.types.orders.type=com.example.MissingSoA")
            .run(failsWith("soa.persistence.types.orders.type", "com.example.MissingSoA", "not found"));
    }

    @Test
    void typeEntryMatchingNoScannedTypeFails() {
        scanning().withPropertyValues("soa.persistence.types.invoices.compression=zstd")
            .run(failsWith("soa.persistence.types.invoices.type", "No SoA type was found"));
    }

    @Test
    void basePathThatCannotBeCreatedFails() throws IOException {
        Path file = Files.writeString(this.data.resolve("a-file"), "not a directory");
        scanning().withPropertyValues("soa.persistence.base-path=" + file.resolve("below"))
            .run(failsWith("soa.persistence.base-path", "cannot be created"));
    }

    @Test
    void typePathThatCannotBeCreatedFails() throws IOException {
        Path file = Files.writeString(this.data.resolve("a-file"), "not a directory");
        scanning().withPropertyValues("soa.persistence.types.order.path=" + file)
            .run(failsWith("soa.persistence.types.order.path", "cannot be created"));
    }

    @Test
    void twoTypesSharingADirectoryFail() {
        Path shared = this.data.resolve("shared");
        scanning()
            .withPropertyValues("soa.persistence.types.order.path=" + shared,
                    "soa.persistence.types.trade.path=" + shared)
            .run(failsWith("soa.persistence.types.trade.path", "'order' and 'trade' would share this directory"));
    }

    // Executor

    @Test
    void executorWaitsForTasksOnShutdownWithDaemonThreads() {
        scanning().run((context) -> {
            ThreadPoolTaskExecutor executor = context.getBean(SoaPersistenceAutoConfiguration.EXECUTOR_BEAN_NAME,
                    ThreadPoolTaskExecutor.class);
            assertThat(executor.getThreadNamePrefix()).isEqualTo("soa-persistence-");
            assertThat(executor.isDaemon()).isTrue();
            assertThat(executor).hasFieldOrPropertyWithValue("waitForTasksToCompleteOnShutdown", true);
            assertThat(executor).hasFieldOrPropertyWithValue("awaitTerminationMillis", 60_000L);
        });
    }

    @Test
    void operationsRunOnTheExecutor() {
        List<String> threads = new CopyOnWriteArrayList<>();
        scanning().withBean(DatasetPersistenceListener.class, () -> (dataset, persistence, operation) -> {
            return (outcome) -> threads.add(Thread.currentThread().getName());
        }).run((context) -> {
            orders(context).count().join();
            assertThat(threads).singleElement().asString().startsWith("soa-persistence-");
        });
    }

    @Test
    void executorDoesNotReplaceTheApplicationTaskExecutor() {
        scanning().withConfiguration(AutoConfigurations.of(TaskExecutionAutoConfiguration.class))
            .run((context) -> {
                assertThat(context).hasBean("applicationTaskExecutor");
                assertThat(context.getBean(Executor.class)).isSameAs(context.getBean("applicationTaskExecutor"));
            });
    }

    @Test
    void userExecutorOfTheSameNameReplacesOurs() {
        AtomicInteger executed = new AtomicInteger();
        Executor direct = (task) -> {
            executed.incrementAndGet();
            task.run();
        };
        scanning().withBean(SoaPersistenceAutoConfiguration.EXECUTOR_BEAN_NAME, Executor.class, () -> direct)
            .run((context) -> {
                assertThat(context).doesNotHaveBean(ThreadPoolTaskExecutor.class);
                orders(context).count().join();
                assertThat(executed).hasValue(1);
            });
    }

    @Test
    void inFlightWritesFinishWhenTheContextCloses() {
        OrderSoA large = FixturesConfiguration.orders(1_000_000);
        CompletableFuture<?>[] save = new CompletableFuture<?>[1];
        scanning().run((context) -> {
            save[0] = orders(context).save(large);
            context.close();
            assertThat(save[0]).isCompleted();
        });
        assertThat(save[0]).isCompletedWithValue(null);
        long rows = new ParquetPersistence<>(OrderSoA.class, this.data.resolve("order")).count().join();
        assertThat(rows).isEqualTo(1_000_000);
        OrderSoA loaded = new ParquetPersistence<>(OrderSoA.class, this.data.resolve("order")).load().join()
            .orElseThrow();
        assertThat(loaded.get(999_999)).isEqualTo(new Order(999_999, "customer-99", 999_999 * 1.5));
    }

    @Test
    void dataSurvivesARestart() {
        scanning().run((context) -> orders(context).save(FixturesConfiguration.orders(42)).join());
        scanning().run((context) -> {
            OrderSoA loaded = orders(context).load().join().orElseThrow();
            assertThat(loaded).isEqualTo(FixturesConfiguration.orders(42));
        });
    }

    @Test
    void failingListenerDoesNotSilenceTheOthers() {
        AtomicInteger finished = new AtomicInteger();
        scanning().withUserConfiguration(Listeners.class)
            .withBean("counting", DatasetPersistenceListener.class,
                    () -> (dataset, persistence, operation) -> (outcome) -> finished.incrementAndGet())
            .run((context) -> {
                orders(context).count().join();
                assertThat(finished).hasValue(1);
            });
    }

    private static ContextConsumer<AssertableApplicationContext> failsWith(String... fragments) {
        return (context) -> {
            assertThat(context).hasFailed();
            Throwable failure = context.getStartupFailure();
            Throwable root = failure;
            while (root.getCause() != null && root.getCause() != root) {
                root = root.getCause();
            }
            Throwable named = root;
            // A bind failure's root is the conversion problem; the property is named one level up.
            for (Throwable t = failure; t != null; t = t.getCause()) {
                if (t.getMessage() != null && t.getMessage().contains(fragments[0])) {
                    named = t;
                }
            }
            assertThat(named.getMessage()).contains(fragments);
            if (!fragments[0].equals("soa.persistence.layout")) {
                assertThat(root.getMessage()).contains(fragments);
            }
        };
    }

    @Configuration(proxyBeanMethods = false)
    static class TwoDatasetsConsumer {

        final ParquetPersistence<OrderSoA> orders;

        final ParquetPersistence<TradeSoA> trades;

        TwoDatasetsConsumer(ParquetPersistence<OrderSoA> orders, ParquetPersistence<TradeSoA> trades) {
            this.orders = orders;
            this.trades = trades;
        }

    }

    @Configuration(proxyBeanMethods = false)
    @EnableSoaPersistence(basePackageClasses = SensorReadingSoA.class)
    static class SensorsOnly {

    }

    @Configuration(proxyBeanMethods = false)
    static class UserOrders {

        @Bean
        ParquetPersistence<OrderSoA> userOrders(SoaPersistenceProperties properties) {
            return new ParquetPersistence<>(OrderSoA.class, Path.of(properties.getBasePath(), "mine"));
        }

    }

    @Configuration(proxyBeanMethods = false)
    static class Listeners {

        @Bean
        @org.springframework.core.annotation.Order(0)
        DatasetPersistenceListener failing() {
            return (dataset, persistence, operation) -> {
                throw new IllegalStateException("boom");
            };
        }

    }
}
