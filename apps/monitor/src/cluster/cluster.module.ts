import { Module } from '@nestjs/common';
import { ClusterRole } from './cluster-role.service';

@Module({ providers: [ClusterRole], exports: [ClusterRole] })
export class ClusterModule {}
